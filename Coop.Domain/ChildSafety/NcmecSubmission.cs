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
        };
    }

    public NcmecReportRequest Request =>
        System.Text.Json.JsonSerializer.Deserialize<NcmecReportRequest>(RequestJson)
        ?? throw new InvalidOperationException("The submission has no request.");
}
