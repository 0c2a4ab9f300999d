namespace Coop.Domain.ChildSafety;

/// <summary>
/// NCMEC's CyberTipline reporting API, one method per endpoint. Implemented in Coop.Infrastructure (HTTP, Basic auth,
/// XML written in schema order and checked by <see cref="ICyberTipReportValidator"/> before it is sent; responses
/// parsed without DTDs). Never throws for an NCMEC or transport failure: the outcome says what happened and how to
/// treat it. Cancellation still throws.
/// </summary>
public interface ICyberTiplineClient
{
    /// <summary><c>GET /status</c>: checks the credentials.</summary>
    Task<CyberTipOutcome<string>> StatusAsync(CyberTipCredentials credentials, CancellationToken cancellationToken);

    /// <summary><c>POST /submit</c>: opens a report; the value is NCMEC's report id.</summary>
    Task<CyberTipOutcome<string>> SubmitAsync(CyberTipCredentials credentials, CyberTipReport report, CancellationToken cancellationToken);

    /// <summary>
    /// <c>POST /upload</c>: streams <paramref name="content"/> (read once, never buffered to disk) as the file
    /// <paramref name="fileName"/>; the value carries NCMEC's file id, the MD5 NCMEC reports and the MD5 computed while
    /// streaming. A mismatch is returned as a failure of kind <see cref="CyberTipFailureKind.Transient"/>.
    /// </summary>
    Task<CyberTipOutcome<CyberTipUpload>> UploadAsync(
        CyberTipCredentials credentials, string reportId, string fileName, Stream content, CancellationToken cancellationToken);

    /// <summary><c>POST /fileinfo</c>.</summary>
    Task<CyberTipOutcome<string>> FileInfoAsync(CyberTipCredentials credentials, CyberTipFileDetails details, CancellationToken cancellationToken);

    /// <summary><c>POST /finish</c>: 5102 (already finished) is returned as success with <see cref="CyberTipFinish.AlreadyFinished"/>.</summary>
    Task<CyberTipOutcome<CyberTipFinish>> FinishAsync(CyberTipCredentials credentials, string reportId, CancellationToken cancellationToken);

    /// <summary><c>POST /retract</c>: 5101 (already retracted) is success.</summary>
    Task<CyberTipOutcome<string>> RetractAsync(CyberTipCredentials credentials, string reportId, CancellationToken cancellationToken);
}

/// <summary>Checks a report or file details against the schema's structure and NCMEC's business rules before sending.</summary>
public interface ICyberTipReportValidator
{
    /// <summary>Problems in words a reviewer can act on; empty when the report may be sent. <paramref name="now"/> is "the present" for past-date rules.</summary>
    IReadOnlyList<string> Validate(CyberTipReport report, DateTimeOffset now);

    IReadOnlyList<string> Validate(CyberTipFileDetails details, DateTimeOffset now);
}

/// <summary>A credential set and the CyberTipline it belongs to. <see cref="BaseUri"/> ends with <c>/ispws/</c> (or a fake's root).</summary>
public sealed record CyberTipCredentials(NcmecEnvironment Environment, Uri BaseUri, string Username, string Password)
{
    public static readonly Uri ProductionUri = new("https://report.cybertip.org/ispws/");
    public static readonly Uri TestUri = new("https://exttest.cybertip.org/ispws/");

    /// <summary>Never print the password.</summary>
    public override string ToString() => $"{Environment} {BaseUri} as {Username}";
}

/// <summary>What an upload produced.</summary>
public sealed record CyberTipUpload(string FileId, string? NcmecMd5, string LocalMd5, long Bytes);

/// <summary>What <c>/finish</c> produced: the raw receipt XML (the ESP notification to keep), the file ids NCMEC lists, and the Request-ID.</summary>
public sealed record CyberTipFinish(string ReportId, IReadOnlyList<string> FileIds, string ReceiptXml, bool AlreadyFinished);

/// <summary>How to treat a failure.</summary>
public enum CyberTipFailureKind
{
    /// <summary>Retry later with backoff (5xx, 1000–1300 codes, timeouts, connection errors, MD5 mismatch).</summary>
    Transient = 0,

    /// <summary>Credentials refused (401/403, 2000, 3000–3300): alert admins, stop; do not retry.</summary>
    Credential = 1,

    /// <summary>NCMEC refused the content (400/4000–4200): show the reviewer; do not retry unchanged.</summary>
    Validation = 2,

    /// <summary>The report is gone (5001 expired/not found, 5002 file not found): start over from <c>/submit</c>.</summary>
    ReportGone = 3,

    /// <summary>The request may or may not have taken effect (timeout or lost response on <c>/finish</c>): retry the same report id.</summary>
    Ambiguous = 4,

    /// <summary>Refused before sending by the project's own validator.</summary>
    RejectedLocally = 5,
}

/// <summary>The result of one call: a value, or a failure with NCMEC's code and words (description capped, never a body echo).</summary>
public sealed record CyberTipOutcome<T>(T? Value, CyberTipFailure? Failure, string? RequestId)
{
    public bool Succeeded => Failure is null;
}

/// <summary>Builds outcomes.</summary>
public static class CyberTipOutcome
{
    public static CyberTipOutcome<T> Ok<T>(T value, string? requestId) => new(value, null, requestId);

    public static CyberTipOutcome<T> Fail<T>(CyberTipFailure failure, string? requestId) => new(default, failure, requestId);
}

/// <summary>A failed call: what kind, the HTTP status and responseCode when there were any, and a short description safe to show a reviewer.</summary>
public sealed record CyberTipFailure(CyberTipFailureKind Kind, int? HttpStatus, int? ResponseCode, string Description);
