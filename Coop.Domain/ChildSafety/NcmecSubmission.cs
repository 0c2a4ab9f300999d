namespace Coop.Domain.ChildSafety;

/// <summary>Where one submission stands. Each state is written before the call that leaves it.</summary>
public enum NcmecSubmissionState
{
    /// <summary>Decided; nothing sent yet.</summary>
    Pending = 0,

    /// <summary><c>/submit</c> answered: the report id is stored; files are being uploaded and described.</summary>
    Opened = 1,

    /// <summary>Every file is uploaded and described; <c>/finish</c> is next (or was sent and its answer was lost).</summary>
    Finishing = 2,

    /// <summary>Filed: the finish receipt is stored; preservation and post-report actions follow.</summary>
    Filed = 3,

    /// <summary>Filed, preserved, and post-report actions run: nothing left to do.</summary>
    Done = 4,

    /// <summary>Stopped: needs a person (credentials, validation, or retries exhausted). The retry button puts it back to Pending.</summary>
    Failed = 5,
}

/// <summary>
/// The durable record of one NCMEC report decision: created in the same transaction as the decision (state
/// <see cref="NcmecSubmissionState.Pending"/>), then driven to <see cref="NcmecSubmissionState.Done"/> by the
/// submission job. The environment is copied from the credential set in use when the decision was made.
/// </summary>
public sealed class NcmecSubmission
{
    private NcmecSubmission()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    /// <summary>The NCMEC job decided (also the decision's key).</summary>
    public string JobId { get; private set; } = string.Empty;

    public string ReviewerUserId { get; private set; } = string.Empty;

    public string UserItemId { get; private set; } = string.Empty;

    public string UserItemTypeId { get; private set; } = string.Empty;

    public NcmecEnvironment Environment { get; private set; }

    /// <summary>The <see cref="NcmecReportRequest"/> as JSON.</summary>
    public string RequestJson { get; private set; } = "{}";

    public NcmecSubmissionState State { get; private set; }

    /// <summary>NCMEC's report id once <c>/submit</c> answered.</summary>
    public string? ReportId { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public static NcmecSubmission Create(
        string id, string organizationId, string jobId, string reviewerUserId, NcmecEnvironment environment,
        NcmecReportRequest request, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        ArgumentException.ThrowIfNullOrWhiteSpace(reviewerUserId);
        ArgumentNullException.ThrowIfNull(request);
        var now = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        return new NcmecSubmission
        {
            Id = id,
            OrganizationId = organizationId,
            JobId = jobId,
            ReviewerUserId = reviewerUserId,
            UserItemId = request.UserItemId,
            UserItemTypeId = request.UserItemTypeId,
            Environment = environment,
            RequestJson = System.Text.Json.JsonSerializer.Serialize(request),
            State = NcmecSubmissionState.Pending,
            CreatedAt = now,
            UpdatedAt = now,
            NextAttemptAt = now,
        };
    }

    /// <summary>How many processing attempts in a row failed transiently (reset by a step that succeeds).</summary>
    public int Attempts { get; private set; }

    /// <summary>When the job may next work on it (also the due time of a preservation retry while <see cref="NcmecSubmissionState.Filed"/>).</summary>
    public DateTime NextAttemptAt { get; private set; }

    /// <summary>A node's claim: no other node processes the submission before this time.</summary>
    public DateTime? LeaseUntil { get; private set; }

    public string? LeaseToken { get; private set; }

    /// <summary>The last problem, in words a reviewer can act on (never a response body).</summary>
    public string? LastError { get; private set; }

    /// <summary>What kind of failure stopped it (a <see cref="CyberTipFailureKind"/> name, or "Configuration"/"Media"/"RetriesExhausted").</summary>
    public string? FailureKind { get; private set; }

    /// <summary>The state it was in when it failed: the retry button resumes there while the report id is still open.</summary>
    public NcmecSubmissionState? FailedInState { get; private set; }

    /// <summary>Per-file progress (<see cref="NcmecFileProgress"/> list as JSON): written after each upload and each file-info call.</summary>
    public string FilesJson { get; private set; } = "[]";

    /// <summary>The raw <c>/finish</c> receipt (the ESP notification to keep).</summary>
    public string? ReceiptXml { get; private set; }

    /// <summary>NCMEC's Request-ID of the <c>/finish</c> that filed it.</summary>
    public string? FinishRequestId { get; private set; }

    /// <summary>The file ids NCMEC listed in the receipt (JSON array).</summary>
    public string FiledFileIdsJson { get; private set; } = "[]";

    /// <summary>When NCMEC's file list differs from the files uploaded: what differs (logged and shown).</summary>
    public string? FileListMismatch { get; private set; }

    public DateTime? FiledAt { get; private set; }

    /// <summary>Filed + 1 year (18 U.S.C. § 2258A(h) as amended by the REPORT Act): purges must skip the record and its content until then.</summary>
    public DateTime? RetentionUntil { get; private set; }

    public NcmecPreservationState PreservationState { get; private set; }

    public int PreservationAttempts { get; private set; }

    public string? PreservationLastError { get; private set; }

    public DateTime? PreservedAt { get; private set; }

    /// <summary>When the post-report actions were published (production only).</summary>
    public DateTime? PostReportActionsRunAt { get; private set; }

    /// <summary>Report ids given up before this one was filed (JSON list of <see cref="NcmecAbandonedReport"/>): expired or retracted.</summary>
    public string AbandonedReportsJson { get; private set; } = "[]";

    /// <summary>
    /// What the platform's additional-info webhook answered (validated, as JSON), stored before <c>/submit</c> so the
    /// webhook is asked once per submission; null until then (and when no webhook is configured).
    /// </summary>
    public string? AdditionalInfoJson { get; private set; }

    /// <summary>Stores the additional-info webhook's validated answer (before <c>/submit</c>).</summary>
    public void RecordAdditionalInfo(string json, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(json);
        RequireState(NcmecSubmissionState.Pending);
        AdditionalInfoJson = json;
        Succeeded(nowUtc);
    }

    public IReadOnlyList<NcmecFileProgress> Files =>
        System.Text.Json.JsonSerializer.Deserialize<List<NcmecFileProgress>>(FilesJson) ?? [];

    public IReadOnlyList<NcmecAbandonedReport> AbandonedReports =>
        System.Text.Json.JsonSerializer.Deserialize<List<NcmecAbandonedReport>>(AbandonedReportsJson) ?? [];

    public IReadOnlyList<string> FiledFileIds =>
        System.Text.Json.JsonSerializer.Deserialize<List<string>>(FiledFileIdsJson) ?? [];

    /// <summary>True while a purge must leave this record (and the reported content it names) alone.</summary>
    public bool IsUnderRetention(DateTime nowUtc) =>
        FiledAt is not null && (RetentionUntil is null || RetentionUntil > nowUtc);

    /// <summary><c>/submit</c> answered: store the report id before anything else happens.</summary>
    public void MarkOpened(string reportId, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reportId);
        RequireState(NcmecSubmissionState.Pending);
        ReportId = reportId;
        State = NcmecSubmissionState.Opened;
        FilesJson = "[]";
        Succeeded(nowUtc);
    }

    /// <summary>Stores one file's progress (after its upload, and again after its file info).</summary>
    public void RecordFile(NcmecFileProgress file, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(file);
        RequireState(NcmecSubmissionState.Opened);
        var files = Files.Where(f => f.Key != file.Key).Append(file).OrderBy(f => f.Index).ToList();
        FilesJson = System.Text.Json.JsonSerializer.Serialize(files);
        Succeeded(nowUtc);
    }

    /// <summary>Every file is uploaded and described: <c>/finish</c> is next (written before it is sent).</summary>
    public void MarkFinishing(DateTime nowUtc)
    {
        RequireState(NcmecSubmissionState.Opened);
        State = NcmecSubmissionState.Finishing;
        Succeeded(nowUtc);
    }

    /// <summary>
    /// Filed: keeps the receipt, starts the retention period and (production with a webhook) the preservation call.
    /// <paramref name="ncmecFileIds"/> is null when NCMEC's answer lists no files — "already finished", when an earlier
    /// <c>/finish</c> took effect but its answer was lost — so there is nothing to compare the uploads with.
    /// </summary>
    public void MarkFiled(string receiptXml, string? requestId, IReadOnlyList<string>? ncmecFileIds, bool preservationRequired, DateTime nowUtc)
    {
        RequireState(NcmecSubmissionState.Finishing);
        var now = Utc(nowUtc);
        ReceiptXml = receiptXml;
        FinishRequestId = requestId;
        FiledFileIdsJson = System.Text.Json.JsonSerializer.Serialize<IReadOnlyList<string>>(ncmecFileIds ?? []);
        var uploaded = Files.Where(f => f.FileId is not null).Select(f => f.FileId!).ToHashSet(StringComparer.Ordinal);
        var listed = (ncmecFileIds ?? []).ToHashSet(StringComparer.Ordinal);
        var missing = uploaded.Except(listed).Order(StringComparer.Ordinal).ToList();
        var extra = listed.Except(uploaded).Order(StringComparer.Ordinal).ToList();
        FileListMismatch = ncmecFileIds is null || (missing.Count == 0 && extra.Count == 0) ? null
            : string.Join("; ", new[]
            {
                missing.Count == 0 ? null : $"NCMEC's receipt does not list {missing.Count} uploaded file(s): {string.Join(", ", missing)}",
                extra.Count == 0 ? null : $"NCMEC's receipt lists {extra.Count} file(s) that were not uploaded: {string.Join(", ", extra)}",
            }.Where(m => m is not null));
        if (FileListMismatch is { Length: > 4000 })
        {
            FileListMismatch = FileListMismatch[..4000];
        }

        FiledAt = now;
        RetentionUntil = now.AddYears(1);
        State = NcmecSubmissionState.Filed;
        PreservationState = preservationRequired ? NcmecPreservationState.Pending : NcmecPreservationState.NotRequired;
        PreservationAttempts = 0;
        PreservationLastError = null;
        Succeeded(now);
    }

    public void MarkPreserved(DateTime nowUtc)
    {
        RequireState(NcmecSubmissionState.Filed);
        PreservationState = NcmecPreservationState.Done;
        PreservedAt = Utc(nowUtc);
        PreservationLastError = null;
        UpdatedAt = Utc(nowUtc);
    }

    /// <summary>A preservation call failed: retried at <paramref name="nextAttemptAt"/>, without end (a filed report must be preserved).</summary>
    public void RecordPreservationFailure(string error, DateTime nextAttemptAt, DateTime nowUtc)
    {
        RequireState(NcmecSubmissionState.Filed);
        PreservationState = NcmecPreservationState.Failing;
        PreservationAttempts++;
        PreservationLastError = Truncate(error);
        NextAttemptAt = Utc(nextAttemptAt);
        UpdatedAt = Utc(nowUtc);
    }

    public void MarkPostReportActionsRun(DateTime nowUtc)
    {
        RequireState(NcmecSubmissionState.Filed);
        PostReportActionsRunAt = Utc(nowUtc);
        UpdatedAt = Utc(nowUtc);
    }

    public void MarkDone(DateTime nowUtc)
    {
        RequireState(NcmecSubmissionState.Filed);
        State = NcmecSubmissionState.Done;
        Succeeded(nowUtc);
    }

    /// <summary>
    /// A transient failure: one more attempt, the next one at <paramref name="nextAttemptAt"/>. Returns false when
    /// <paramref name="maxAttempts"/> is reached: the caller then abandons (retract, <see cref="Fail"/>).
    /// </summary>
    public bool RecordTransientFailure(string error, DateTime nextAttemptAt, int maxAttempts, DateTime nowUtc)
    {
        Attempts++;
        LastError = Truncate(error);
        NextAttemptAt = Utc(nextAttemptAt);
        UpdatedAt = Utc(nowUtc);
        return Attempts < maxAttempts;
    }

    /// <summary>Stops: needs a person. The report id stays when the report may still be open or filed (so a retry resumes on it).</summary>
    public void Fail(string kind, string error, DateTime nowUtc)
    {
        if (State is NcmecSubmissionState.Filed or NcmecSubmissionState.Done or NcmecSubmissionState.Failed)
        {
            throw new InvalidOperationException($"A {State} submission cannot fail.");
        }

        FailedInState = State;
        State = NcmecSubmissionState.Failed;
        FailureKind = kind;
        LastError = Truncate(error);
        UpdatedAt = Utc(nowUtc);
    }

    /// <summary>The open report was given up (retracted, or NCMEC let it expire): forget it and its files.</summary>
    public void AbandonReport(string reason, DateTime nowUtc)
    {
        if (ReportId is null)
        {
            return;
        }

        var abandoned = AbandonedReports.Append(new NcmecAbandonedReport(ReportId, reason, Utc(nowUtc))).ToList();
        AbandonedReportsJson = System.Text.Json.JsonSerializer.Serialize(abandoned);
        ReportId = null;
        FilesJson = "[]";
        if (State is NcmecSubmissionState.Opened or NcmecSubmissionState.Finishing)
        {
            State = NcmecSubmissionState.Pending;
        }
        else if (FailedInState is NcmecSubmissionState.Opened or NcmecSubmissionState.Finishing)
        {
            FailedInState = NcmecSubmissionState.Pending;
        }

        UpdatedAt = Utc(nowUtc);
    }

    /// <summary>The retry button: a Failed submission goes back to Pending (or, while its report is still open, to where it stopped).</summary>
    public void Retry(DateTime nowUtc)
    {
        RequireState(NcmecSubmissionState.Failed);
        State = ReportId is not null && FailedInState is NcmecSubmissionState.Opened or NcmecSubmissionState.Finishing
            ? FailedInState!.Value
            : NcmecSubmissionState.Pending;
        FailedInState = null;
        FailureKind = null;
        Attempts = 0;
        NextAttemptAt = Utc(nowUtc);
        LeaseUntil = null;
        LeaseToken = null;
        UpdatedAt = Utc(nowUtc);
    }

    private void Succeeded(DateTime nowUtc)
    {
        Attempts = 0;
        LastError = null;
        NextAttemptAt = Utc(nowUtc);
        UpdatedAt = Utc(nowUtc);
    }

    private void RequireState(NcmecSubmissionState expected)
    {
        if (State != expected)
        {
            throw new InvalidOperationException($"The submission is {State}, not {expected}.");
        }
    }

    private static string Truncate(string error) => error.Length <= ErrorMaxLength ? error : error[..ErrorMaxLength];

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);

    public const int ErrorMaxLength = 2000;

    public NcmecReportRequest Request =>
        System.Text.Json.JsonSerializer.Deserialize<NcmecReportRequest>(RequestJson)
        ?? throw new InvalidOperationException("The submission has no request.");
}

/// <summary>Whether the platform's preservation webhook still has to be told about a filed report.</summary>
public enum NcmecPreservationState
{
    /// <summary>Test report, or no preservation webhook configured.</summary>
    NotRequired = 0,

    Pending = 1,

    /// <summary>Called and failed at least once; retried with backoff until it succeeds.</summary>
    Failing = 2,

    Done = 3,
}

/// <summary>
/// One file of a submission: <see cref="Index"/> orders media first then thread transcripts; <see cref="Key"/> names it
/// (<c>media:{i}</c> or <c>thread:{id}</c>). <see cref="FileId"/> is set once <c>/upload</c> answered, <see cref="DetailsSent"/>
/// once <c>/fileinfo</c> did.
/// </summary>
public sealed record NcmecFileProgress(int Index, string Key, string FileName, string? FileId, string? Md5, long? Bytes, bool DetailsSent);

/// <summary>A report id given up before filing: <see cref="Reason"/> says why (expired, retracted, retract failed…).</summary>
public sealed record NcmecAbandonedReport(string ReportId, string Reason, DateTime At);
