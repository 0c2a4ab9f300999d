using Coop.Domain.Common;

namespace Coop.Domain.Moderation;

/// <summary>
/// One item waiting for a human decision in one queue. There is at most one open job per item per queue
/// (<see cref="OpenItemKey"/> is unique per queue while the job is open, and cleared when it closes); more
/// reports about the item attach to it. A reviewer works a job by claiming it: the claim is a lease
/// (<see cref="ClaimedByUserId"/> until <see cref="ClaimExpiresAt"/>) taken atomically in the database, so two
/// reviewers never hold the same job, even on two server processes.
/// </summary>
public sealed class ReviewJob
{
    private ReviewJob()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string QueueId { get; private set; } = string.Empty;

    public string ItemId { get; private set; } = string.Empty;

    public string ItemTypeId { get; private set; } = string.Empty;

    public JobSource Source { get; private set; }

    public JobStatus Status { get; private set; }

    /// <summary><c>typeId/itemId</c> while open, null once closed; unique per queue.</summary>
    public string? OpenItemKey { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>How many reports are attached (0 for jobs that did not come from reports).</summary>
    public int ReportCount { get; private set; }

    /// <summary>For appeal jobs, the <c>Appeal</c> it reviews.</summary>
    public string? AppealId { get; private set; }

    /// <summary>Policy ids the job was enqueued under (JSON array), e.g. a report's policy or a rule's policies.</summary>
    public string PolicyIds { get; private set; } = "[]";

    /// <summary>Priority-ordered queues hand out the highest score first; see the queue's ordering.</summary>
    public double PriorityScore { get; private set; }

    public string? ClaimedByUserId { get; private set; }

    public DateTime? ClaimExpiresAt { get; private set; }

    public DateTime? ClosedAt { get; private set; }

    public string? ClosedByUserId { get; private set; }

    public static string ItemKey(string itemTypeId, string itemId) => itemTypeId + "/" + itemId;

    public static ReviewJob Open(
        string organizationId, string queueId, string itemTypeId, string itemId, JobSource source, DateTime nowUtc,
        string policyIds = "[]", string? appealId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(queueId);
        ArgumentException.ThrowIfNullOrWhiteSpace(itemTypeId);
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        return new ReviewJob
        {
            Id = Ids.New(),
            OrganizationId = organizationId,
            QueueId = queueId,
            ItemTypeId = itemTypeId,
            ItemId = itemId,
            Source = source,
            Status = JobStatus.Open,
            OpenItemKey = ItemKey(itemTypeId, itemId),
            CreatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
            PolicyIds = string.IsNullOrWhiteSpace(policyIds) ? "[]" : policyIds,
            AppealId = appealId,
        };
    }

    /// <summary>Counts one more report about the item.</summary>
    public void AttachReport()
    {
        if (Status != JobStatus.Open)
        {
            throw new InvalidOperationException("Reports attach only to open jobs.");
        }

        ReportCount++;
    }

    public void SetPriority(double score) => PriorityScore = score;

    /// <summary>The policy ids the job is enqueued under, as a list.</summary>
    public IReadOnlyList<string> PolicyIdList => System.Text.Json.JsonSerializer.Deserialize<string[]>(PolicyIds) ?? [];

    /// <summary>Adds a policy the job is (also) enqueued under, e.g. the policy of a report that joined it.</summary>
    public void AddPolicy(string? policyId)
    {
        if (string.IsNullOrWhiteSpace(policyId) || PolicyIdList.Contains(policyId))
        {
            return;
        }

        PolicyIds = System.Text.Json.JsonSerializer.Serialize(PolicyIdList.Append(policyId).ToArray());
    }

    /// <summary>True while <paramref name="userId"/> holds an unexpired claim; a claim is void once its time has passed, sweeper or not.</summary>
    public bool IsClaimedBy(string userId, DateTime nowUtc) =>
        Status == JobStatus.Open && ClaimedByUserId == userId && ClaimExpiresAt > nowUtc;

    /// <summary>True when anyone may claim it: open, and unclaimed or with an expired claim.</summary>
    public bool IsClaimable(DateTime nowUtc) => Status == JobStatus.Open && (ClaimedByUserId is null || ClaimExpiresAt <= nowUtc);

    /// <summary>
    /// Claims the job for <paramref name="userId"/> until <paramref name="nowUtc"/> + <paramref name="lease"/>. The database does
    /// the same check atomically (see the claim statement); this is the rule it applies.
    /// </summary>
    public void Claim(string userId, DateTime nowUtc, TimeSpan lease)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(userId);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(lease, TimeSpan.Zero);
        if (!IsClaimable(nowUtc) && !IsClaimedBy(userId, nowUtc))
        {
            throw new InvalidOperationException(Status == JobStatus.Closed ? "The job is closed." : "Someone else holds the job.");
        }

        ClaimedByUserId = userId;
        ClaimExpiresAt = DateTime.SpecifyKind(nowUtc + lease, DateTimeKind.Utc);
    }

    /// <summary>Gives the claim up; only its holder can.</summary>
    public void Release(string userId)
    {
        if (ClaimedByUserId != userId)
        {
            throw new InvalidOperationException("Only the holder can release a claim.");
        }

        ClaimedByUserId = null;
        ClaimExpiresAt = null;
    }

    /// <summary>Finishes the job: it leaves the queue for good and frees its item key for a new job.</summary>
    public void Close(string? userId, DateTime nowUtc)
    {
        if (Status == JobStatus.Closed)
        {
            throw new InvalidOperationException("The job is already closed.");
        }

        Status = JobStatus.Closed;
        OpenItemKey = null;
        ClaimedByUserId = null;
        ClaimExpiresAt = null;
        ClosedByUserId = userId;
        ClosedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
    }
}
