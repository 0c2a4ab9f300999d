namespace Coop.Domain.Moderation;

/// <summary>
/// The decision that closed a job; its key is the job's id, so a job is decided at most once whatever races
/// (a second submission fails on the key). It is the audit record behind recent decisions and analytics.
/// </summary>
public sealed class ReviewDecision
{
    public const int ReasonMaxLength = 5000;

    private ReviewDecision()
    {
    }

    /// <summary>The decided job's id.</summary>
    public string JobId { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string QueueId { get; private set; } = string.Empty;

    public string ItemTypeId { get; private set; } = string.Empty;

    public string ItemId { get; private set; } = string.Empty;

    /// <summary>The user it concerns: the item itself for user items, else the item's author when known (indexes the user's history).</summary>
    public string? UserItemId { get; private set; }

    public string? UserItemTypeId { get; private set; }

    public DecisionKind Kind { get; private set; }

    /// <summary>The reviewer; null for automatic closes.</summary>
    public string? ReviewerUserId { get; private set; }

    public string? ReviewerEmail { get; private set; }

    /// <summary>Action ids run (JSON array).</summary>
    public string ActionIds { get; private set; } = "[]";

    /// <summary>Policy ids decided under (JSON array).</summary>
    public string PolicyIds { get; private set; } = "[]";

    public string? Reason { get; private set; }

    /// <summary>Where a move or an NCMEC enqueue sent the item.</summary>
    public string? TargetQueueId { get; private set; }

    /// <summary>The job a move or an NCMEC enqueue opened (or joined) there.</summary>
    public string? TargetJobId { get; private set; }

    /// <summary>How long the job waited from creation to decision.</summary>
    public TimeSpan Waited => DecidedAt - JobCreatedAt;

    public DateTime JobCreatedAt { get; private set; }

    public DateTime DecidedAt { get; private set; }

    public static ReviewDecision Record(
        ReviewJob job, DecisionKind kind, string? reviewerUserId, string? reviewerEmail, string actionIds, string policyIds, string? reason,
        DateTime nowUtc, string? targetQueueId = null, string? targetJobId = null, string? userItemTypeId = null, string? userItemId = null)
    {
        ArgumentNullException.ThrowIfNull(job);
        if (reason is { Length: > ReasonMaxLength })
        {
            throw new ArgumentException($"A reason has at most {ReasonMaxLength} characters.", nameof(reason));
        }

        return new ReviewDecision
        {
            JobId = job.Id,
            OrganizationId = job.OrganizationId,
            QueueId = job.QueueId,
            ItemTypeId = job.ItemTypeId,
            ItemId = job.ItemId,
            Kind = kind,
            UserItemId = userItemId,
            UserItemTypeId = userItemTypeId,
            ReviewerUserId = reviewerUserId,
            ReviewerEmail = reviewerEmail,
            ActionIds = actionIds,
            PolicyIds = policyIds,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
            TargetQueueId = targetQueueId,
            TargetJobId = targetJobId,
            JobCreatedAt = job.CreatedAt,
            DecidedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
        };
    }
}
