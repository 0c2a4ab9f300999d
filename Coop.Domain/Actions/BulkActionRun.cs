using Coop.Domain.Common;

namespace Coop.Domain.Actions;

/// <summary>
/// A moderator's request to run the same action(s) under the same policies on many items of one type. Its items
/// (<see cref="BulkActionRunItem"/>) are actioned in chunks by a background worker; the counters here are updated in
/// the chunk's transaction, so they always match the items' statuses.
/// </summary>
public sealed class BulkActionRun
{
    /// <summary>Most distinct item ids one run takes.</summary>
    public const int MaxItems = 10_000;

    private BulkActionRun()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string ActorUserId { get; private set; } = string.Empty;

    /// <summary>The actor's email, sent as <c>actorEmail</c> in every callback.</summary>
    public string ActorEmail { get; private set; } = string.Empty;

    public string ItemTypeId { get; private set; } = string.Empty;

    /// <summary>JSON array of the action ids, in the order chosen.</summary>
    public string ActionIds { get; private set; } = "[]";

    /// <summary>JSON object: action id → its parameter values (validated when the run was created).</summary>
    public string ActionParameters { get; private set; } = "{}";

    /// <summary>JSON array of the policy ids.</summary>
    public string PolicyIds { get; private set; } = "[]";

    /// <summary>Why: sent as <c>actorNote</c>.</summary>
    public string? Reason { get; private set; }

    public BulkActionRunStatus Status { get; private set; }

    public int TotalItems { get; private set; }

    /// <summary>How many of the ids Coop had seen as items of the type when the run was created (the others are actioned by id).</summary>
    public int KnownItems { get; private set; }

    public int DoneItems { get; private set; }

    public int FailedItems { get; private set; }

    public string? Error { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? StartedAt { get; private set; }

    public DateTime? FinishedAt { get; private set; }

    public static BulkActionRun Create(
        string organizationId, string actorUserId, string actorEmail, string itemTypeId, string actionIdsJson, string actionParametersJson,
        string policyIdsJson, string? reason, int totalItems, int knownItems, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(actorUserId);
        ArgumentException.ThrowIfNullOrWhiteSpace(itemTypeId);
        if (totalItems is < 1 or > MaxItems)
        {
            throw new ArgumentOutOfRangeException(nameof(totalItems), totalItems, $"A bulk run has 1 to {MaxItems} items.");
        }

        if (reason is { Length: > ActionExecution.NoteMaxLength })
        {
            throw new ArgumentException($"A reason has at most {ActionExecution.NoteMaxLength} characters.", nameof(reason));
        }

        return new BulkActionRun
        {
            Id = Ids.New(),
            OrganizationId = organizationId,
            ActorUserId = actorUserId,
            ActorEmail = actorEmail,
            ItemTypeId = itemTypeId,
            ActionIds = actionIdsJson,
            ActionParameters = actionParametersJson,
            PolicyIds = policyIdsJson,
            Reason = string.IsNullOrWhiteSpace(reason) ? null : reason,
            Status = BulkActionRunStatus.Pending,
            TotalItems = totalItems,
            KnownItems = knownItems,
            CreatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
        };
    }

    /// <summary>True while the worker still has work to do for it.</summary>
    public bool IsActive => Status is BulkActionRunStatus.Pending or BulkActionRunStatus.Running;

    /// <summary>Items neither done nor failed.</summary>
    public int RemainingItems => TotalItems - DoneItems - FailedItems;
}
