namespace Coop.Tests.Support.Fakes.CyberTipline;

/// <summary>Where a report stands at the fake.</summary>
public enum FakeReportState
{
    Open,
    Finished,
    Retracted,
    Expired,
}

/// <summary>A file the fake received: only its hashes, size and names are kept; the bytes are discarded.</summary>
public sealed record FakeCyberTipFile(
    string FileId, string FileName, string? ContentType, long Size, string Md5, string Sha256, DateTimeOffset ReceivedAt, string? FileDetailsXml);

/// <summary>A snapshot of one report at the fake.</summary>
public sealed record FakeCyberTipReport(
    string ReportId,
    FakeReportState State,
    DateTimeOffset OpenedAt,
    DateTimeOffset LastModifiedAt,
    DateTimeOffset? FinishedAt,
    DateTimeOffset? RetractedAt,
    string ReportXml,
    IReadOnlyList<FakeCyberTipFile> Files,
    int FinishedCount);

/// <summary>One request the fake answered (or dropped), in arrival order. The Authorization header is never kept.</summary>
public sealed record FakeCyberTipCall(
    int Sequence,
    string Method,
    string Path,
    string? ContentType,
    string? XmlBody,
    IReadOnlyDictionary<string, string> Form,
    string RequestId,
    bool Authorized,
    int HttpStatus,
    int? ResponseCode,
    string? ResponseDescription,
    bool ResponseDropped);

/// <summary>What a fault does to the call it matches.</summary>
public enum FakeFaultKind
{
    /// <summary>Answer <see cref="FakeCyberTipFault.HttpStatus"/> with <see cref="FakeCyberTipFault.ResponseCode"/> (empty body when null) instead of doing the work.</summary>
    Respond,

    /// <summary>Do the work, then abort the connection without an answer (a lost response).</summary>
    CommitThenDrop,

    /// <summary>Wait <see cref="FakeCyberTipFault.Delay"/> before handling the call.</summary>
    Delay,

    /// <summary>Do the work, then answer with a body carrying a DOCTYPE and an entity (XXE bait).</summary>
    HostileDoctype,

    /// <summary>Do the upload, then report an MD5 that is not the one of the bytes received.</summary>
    WrongMd5,

    /// <summary>Answer 502 with an HTML gateway page.</summary>
    HtmlGateway,
}

/// <summary>
/// A fault rule: applies to calls of <see cref="Endpoint"/> (e.g. "/upload"), to the <see cref="OnCall"/>-th call of
/// it (1-based, counting from when the fake started) or to the next calls when null, <see cref="Times"/> times.
/// </summary>
public sealed record FakeCyberTipFault(string Endpoint, FakeFaultKind Kind)
{
    public int? OnCall { get; init; }

    public int Times { get; init; } = 1;

    public int HttpStatus { get; init; } = 500;

    public int? ResponseCode { get; init; } = 1000;

    public TimeSpan Delay { get; init; }

    /// <summary>The responseDescription of a <see cref="FakeFaultKind.Respond"/> answer with a code ("Injected failure" when null).</summary>
    public string? Description { get; init; }

    public static FakeCyberTipFault Fail(string endpoint, int httpStatus, int? responseCode, int? onCall = null) =>
        new(endpoint, FakeFaultKind.Respond) { HttpStatus = httpStatus, ResponseCode = responseCode, OnCall = onCall };

    public static FakeCyberTipFault LoseResponse(string endpoint, int? onCall = null) =>
        new(endpoint, FakeFaultKind.CommitThenDrop) { OnCall = onCall };

    public static FakeCyberTipFault Slow(string endpoint, TimeSpan delay, int? onCall = null) =>
        new(endpoint, FakeFaultKind.Delay) { Delay = delay, OnCall = onCall };

    public static FakeCyberTipFault Doctype(string endpoint) => new(endpoint, FakeFaultKind.HostileDoctype);

    public static FakeCyberTipFault WrongMd5(int? onCall = null) => new("/upload", FakeFaultKind.WrongMd5) { OnCall = onCall };

    public static FakeCyberTipFault Gateway(string endpoint) => new(endpoint, FakeFaultKind.HtmlGateway);
}

/// <summary>
/// The fake CyberTipline's clock: NCMEC's servers keep real time, so this does too (an incident that just happened is in
/// the past for it), plus whatever a test moves it forward by to reach an expiry.
/// </summary>
public sealed class FakeCyberTipClock : TimeProvider
{
    private long offsetTicks;

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + TimeSpan.FromTicks(Interlocked.Read(ref offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref offsetTicks, by.Ticks);
}
