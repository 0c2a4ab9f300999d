using System.Text;
using Coop.Domain.ChildSafety;
using Coop.Infrastructure.ChildSafety;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Coop.Tests.Integration.ChildSafety;

/// <summary>Reports, file details and synthetic files for the CyberTipline tests (no real media anywhere).</summary>
internal static class CyberTipSamples
{
    public static DateTimeOffset Now => TimeProvider.System.GetUtcNow();

    public static CyberTipReport Report(string reporterEmail = "trust-safety@example.org", string? escalation = null) => new(
        new CyberTipIncidentSummary(NcmecIncidentType.ChildSexTourism, escalation, Now.AddHours(-2)),
        new CyberTipInternetDetails(NcmecInternetDetailType.WebPage, "https://platform.example/about"),
        new CyberTipReporter(
            reporterEmail,
            new CyberTipContactPerson("Ada", "Lovelace", "555 0100", "ada@example.org"),
            "Example Platform. Legal process: legal@example.org. Data kept 90 days.",
            "Users must not share sexual content involving minors.",
            "https://platform.example/legal"),
        new CyberTipReportedUser(
            [new CyberTipEmail("user@example.net", "Home", true, Now.AddDays(-10))],
            "user-1",
            "Example Platform",
            "screen-name",
            ["Display Name"],
            [new CyberTipIpCaptureEvent("192.0.2.10", "Login", Now.AddDays(-1)), new CyberTipIpCaptureEvent("2001:db8::1", "Upload", Now.AddHours(-3), false, 443)]),
        "Reviewer notes.");

    public static CyberTipFileDetails FileDetails(string reportId, string fileId, CyberTipFileRelevance relevance = CyberTipFileRelevance.Reported) => new(
        reportId,
        fileId,
        "photo.jpg",
        FileViewedByEsp: true,
        ExifViewedByEsp: false,
        PubliclyAvailable: false,
        relevance,
        relevance == CyberTipFileRelevance.Reported ? NcmecFileAnnotations.GenerativeAi | NcmecFileAnnotations.Viral : NcmecFileAnnotations.None,
        relevance == CyberTipFileRelevance.Reported ? NcmecIndustryClassification.B2 : null,
        [new CyberTipFileHash("MD5", "0123456789abcdef0123456789abcdef"), new CyberTipFileHash("SHA256", new string('a', 64))],
        new CyberTipIpCaptureEvent("198.51.100.7", "Upload", Now.AddDays(-2)),
        ["Uploaded to a public album."]);

    /// <summary>Synthetic bytes that start with a test marker (never real media).</summary>
    public static byte[] SyntheticFile(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        Encoding.ASCII.GetBytes("COOP-SYNTHETIC-TEST-FILE").CopyTo(bytes, 0);
        return bytes;
    }

    public static CyberTiplineClient Client(TimeSpan? timeout = null) =>
        new(
            new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = Timeout.InfiniteTimeSpan },
            new CyberTipReportValidator(),
            TimeProvider.System,
            Options.Create(new CyberTiplineOptions { Timeout = timeout ?? TimeSpan.FromSeconds(10), UploadTimeout = TimeSpan.FromSeconds(30) }),
            NullLogger<CyberTiplineClient>.Instance);
}

/// <summary>A forward-only stream over bytes (like a media download): not seekable, length unknown.</summary>
internal sealed class ForwardOnlyStream(byte[] bytes) : Stream
{
    private readonly MemoryStream inner = new(bytes, writable: false);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
