using System.Collections.Concurrent;
using System.Security.Cryptography;
using Coop.Domain.ChildSafety;

namespace Coop.Tests.Integration.ChildSafety;

/// <summary>
/// An in-process CyberTipline for the pipeline tests, implementing the contract's <see cref="ICyberTiplineClient"/>
/// with NCMEC's server-side rules (§1.6 of the research notes): reports are open, finished, retracted or expired; files need
/// an open report; details at most once per file; a second finish answers "already finished". It reads every upload
/// stream to its end (hashing, never keeping bytes). Faults are scripted per endpoint. It stands in until the HTTP fake
/// of the client branch is merged; the processor only ever sees the interface.
/// </summary>
internal sealed class ScriptedCyberTipline : ICyberTiplineClient
{
    private readonly ConcurrentDictionary<string, Report> reports = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Call> calls = new();
    private readonly ConcurrentDictionary<string, List<Fault>> faults = new(StringComparer.Ordinal);
    private long nextReportId = 900_000_000;
    private int nextFileId;

    public string Username { get; set; } = "esp-user";

    public string Password { get; set; } = "esp-password-0123";

    /// <summary>Called before each call is answered (for instance to look at what the pipeline has stored by then).</summary>
    public Func<string, string?, Task>? BeforeCall { get; set; }

    public IReadOnlyList<Call> Calls => [.. calls];

    public IReadOnlyCollection<Report> Reports => [.. reports.Values.OrderBy(r => r.Id, StringComparer.Ordinal)];

    public Report this[string reportId] => reports[reportId];

    public int Count(string endpoint) => calls.Count(c => c.Endpoint == endpoint);

    /// <summary>The <paramref name="nth"/> call (1-based, counted from now) of <paramref name="endpoint"/> fails with <paramref name="failure"/>.</summary>
    public void FailNth(string endpoint, int nth, CyberTipFailure failure) => Add(endpoint, new Fault(Count(endpoint) + nth, failure, CommitFirst: false, Always: false));

    /// <summary>Every call of <paramref name="endpoint"/> from now on fails.</summary>
    public void FailAlways(string endpoint, CyberTipFailure failure) => Add(endpoint, new Fault(0, failure, CommitFirst: false, Always: true));

    /// <summary>The next call of <paramref name="endpoint"/> takes effect, then its answer is "lost" (an ambiguous failure).</summary>
    public void CommitThenLoseNext(string endpoint) =>
        Add(endpoint, new Fault(Count(endpoint) + 1, new CyberTipFailure(CyberTipFailureKind.Ambiguous, null, null, "The connection closed before NCMEC answered."), CommitFirst: true, Always: false));

    /// <summary>NCMEC deletes an unfinished report (24 h / 1 h rule).</summary>
    public void Expire(string reportId)
    {
        if (reports.TryGetValue(reportId, out var report) && report.State == ReportState.Open)
        {
            report.State = ReportState.Expired;
        }
    }

    public async Task<CyberTipOutcome<string>> StatusAsync(CyberTipCredentials credentials, CancellationToken cancellationToken)
    {
        if (await BeginAsync("status", null, credentials) is { } refused)
        {
            return CyberTipOutcome.Fail<string>(refused, RequestId());
        }

        return CyberTipOutcome.Ok($"Remote User : {credentials.Username}, Remote Ip : 127.0.0.1", RequestId());
    }

    public async Task<CyberTipOutcome<string>> SubmitAsync(CyberTipCredentials credentials, CyberTipReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (await BeginAsync("submit", null, credentials) is { } refused)
        {
            return CyberTipOutcome.Fail<string>(refused, RequestId());
        }

        if (string.IsNullOrWhiteSpace(report.Reporter.ReportingPersonEmail))
        {
            return CyberTipOutcome.Fail<string>(Validation("Validation failed - reportingPerson needs an email."), RequestId());
        }

        if (report.IncidentSummary.IncidentDateTime >= TimeProvider.System.GetUtcNow())
        {
            return CyberTipOutcome.Fail<string>(Validation("Validation failed - incidentDateTime must be in the past."), RequestId());
        }

        var id = Interlocked.Increment(ref nextReportId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        reports[id] = new Report(id, credentials.Environment, report);
        return Take("submit", CyberTipOutcome.Ok(id, RequestId()));
    }

    public async Task<CyberTipOutcome<CyberTipUpload>> UploadAsync(
        CyberTipCredentials credentials, string reportId, string fileName, Stream content, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (await BeginAsync("upload", reportId, credentials) is { } refused)
        {
            return CyberTipOutcome.Fail<CyberTipUpload>(refused, RequestId());
        }

        if (Open(reportId) is { } gone)
        {
            return CyberTipOutcome.Fail<CyberTipUpload>(gone, RequestId());
        }

        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        var buffer = new byte[8192];
        long bytes = 0;
        int read;
        while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
        {
            md5.AppendData(buffer, 0, read);
            bytes += read;
        }

        var hash = Convert.ToHexStringLower(md5.GetHashAndReset());
        var fileId = Interlocked.Increment(ref nextFileId).ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
        reports[reportId].Files.Add(new UploadedFile(fileId, fileName, bytes, hash));
        return Take("upload", CyberTipOutcome.Ok(new CyberTipUpload(fileId, hash, hash, bytes), RequestId()));
    }

    public async Task<CyberTipOutcome<string>> FileInfoAsync(CyberTipCredentials credentials, CyberTipFileDetails details, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (await BeginAsync("fileinfo", details.ReportId, credentials) is { } refused)
        {
            return CyberTipOutcome.Fail<string>(refused, RequestId());
        }

        if (Open(details.ReportId) is { } gone)
        {
            return CyberTipOutcome.Fail<string>(gone, RequestId());
        }

        var report = reports[details.ReportId];
        if (report.Files.FirstOrDefault(f => f.FileId == details.FileId) is not { } file)
        {
            return CyberTipOutcome.Fail<string>(new CyberTipFailure(CyberTipFailureKind.ReportGone, 404, 5002, "File does not exist"), RequestId());
        }

        if (report.Details.ContainsKey(file.FileId))
        {
            return CyberTipOutcome.Fail<string>(new CyberTipFailure(CyberTipFailureKind.Validation, 400, 4000, "Invalid request - file details already sent"), RequestId());
        }

        if (details.ExifViewedByEsp == true && details.FileViewedByEsp != true)
        {
            return CyberTipOutcome.Fail<string>(Validation("Validation failed - exifViewedByEsp requires fileViewedByEsp."), RequestId());
        }

        report.Details[file.FileId] = details;
        return Take("fileinfo", CyberTipOutcome.Ok(details.ReportId, RequestId()));
    }

    public async Task<CyberTipOutcome<CyberTipFinish>> FinishAsync(CyberTipCredentials credentials, string reportId, CancellationToken cancellationToken)
    {
        if (await BeginAsync("finish", reportId, credentials) is { } refused)
        {
            return CyberTipOutcome.Fail<CyberTipFinish>(refused, RequestId());
        }

        var requestId = RequestId();
        if (reports.TryGetValue(reportId, out var finished) && finished.State == ReportState.Finished)
        {
            return Take("finish", CyberTipOutcome.Ok(new CyberTipFinish(reportId, [.. finished.Files.Select(f => f.FileId)], Receipt(finished), AlreadyFinished: true), requestId));
        }

        if (Open(reportId) is { } gone)
        {
            return CyberTipOutcome.Fail<CyberTipFinish>(gone, requestId);
        }

        var report = reports[reportId];
        report.State = ReportState.Finished;
        return Take("finish", CyberTipOutcome.Ok(new CyberTipFinish(reportId, [.. report.Files.Select(f => f.FileId)], Receipt(report), AlreadyFinished: false), requestId));
    }

    public async Task<CyberTipOutcome<string>> RetractAsync(CyberTipCredentials credentials, string reportId, CancellationToken cancellationToken)
    {
        if (await BeginAsync("retract", reportId, credentials) is { } refused)
        {
            return CyberTipOutcome.Fail<string>(refused, RequestId());
        }

        if (!reports.TryGetValue(reportId, out var report) || report.State == ReportState.Expired)
        {
            return CyberTipOutcome.Fail<string>(new CyberTipFailure(CyberTipFailureKind.ReportGone, 404, 5001, "Report does not exist"), RequestId());
        }

        if (report.State == ReportState.Finished)
        {
            return CyberTipOutcome.Fail<string>(new CyberTipFailure(CyberTipFailureKind.Validation, 409, 5102, "Report already finished"), RequestId());
        }

        report.State = ReportState.Retracted;
        return CyberTipOutcome.Ok(reportId, RequestId());
    }

    private async Task<CyberTipFailure?> BeginAsync(string endpoint, string? reportId, CyberTipCredentials credentials)
    {
        var number = Count(endpoint) + 1;
        calls.Enqueue(new Call(endpoint, reportId, number));
        if (BeforeCall is { } before)
        {
            await before(endpoint, reportId);
        }

        if (credentials.Username != Username || credentials.Password != Password)
        {
            return new CyberTipFailure(CyberTipFailureKind.Credential, 401, null, "Authentication required");
        }

        if (faults.TryGetValue(endpoint, out var list))
        {
            lock (list)
            {
                var fault = list.FirstOrDefault(f => f.Always || f.Nth == number);
                if (fault is not null && !fault.CommitFirst)
                {
                    return fault.Failure;
                }
            }
        }

        return null;
    }

    /// <summary>Applies a commit-then-lose fault to a call that took effect.</summary>
    private CyberTipOutcome<T> Take<T>(string endpoint, CyberTipOutcome<T> outcome)
    {
        var number = Count(endpoint);
        if (faults.TryGetValue(endpoint, out var list))
        {
            lock (list)
            {
                if (list.FirstOrDefault(f => f.CommitFirst && f.Nth == number) is { } fault)
                {
                    return CyberTipOutcome.Fail<T>(fault.Failure, null);
                }
            }
        }

        return outcome;
    }

    private CyberTipFailure? Open(string reportId) =>
        !reports.TryGetValue(reportId, out var report) || report.State == ReportState.Expired
            ? new CyberTipFailure(CyberTipFailureKind.ReportGone, 404, 5001, "Report does not exist")
            : report.State switch
            {
                ReportState.Finished => new CyberTipFailure(CyberTipFailureKind.Validation, 409, 5102, "Report already finished"),
                ReportState.Retracted => new CyberTipFailure(CyberTipFailureKind.Validation, 409, 5101, "Report already retracted"),
                _ => null,
            };

    private void Add(string endpoint, Fault fault)
    {
        var list = faults.GetOrAdd(endpoint, _ => []);
        lock (list)
        {
            list.Add(fault);
        }
    }

    private static CyberTipFailure Validation(string description) => new(CyberTipFailureKind.Validation, 400, 4100, description);

    private static string RequestId() => Guid.NewGuid().ToString();

    private static string Receipt(Report report) =>
        $"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><reportDoneResponse><responseCode>0</responseCode><reportId>{report.Id}</reportId><files>"
        + string.Concat(report.Files.Select(f => $"<fileId>{f.FileId}</fileId>")) + "</files></reportDoneResponse>";

    public enum ReportState
    {
        Open,
        Finished,
        Retracted,
        Expired,
    }

    public sealed class Report(string id, NcmecEnvironment environment, CyberTipReport content)
    {
        public string Id { get; } = id;

        public NcmecEnvironment Environment { get; } = environment;

        public CyberTipReport Content { get; } = content;

        public ReportState State { get; set; } = ReportState.Open;

        public List<UploadedFile> Files { get; } = [];

        public ConcurrentDictionary<string, CyberTipFileDetails> Details { get; } = new(StringComparer.Ordinal);
    }

    public sealed record UploadedFile(string FileId, string FileName, long Bytes, string Md5);

    public sealed record Call(string Endpoint, string? ReportId, int Number);

    private sealed record Fault(int Nth, CyberTipFailure Failure, bool CommitFirst, bool Always);
}
