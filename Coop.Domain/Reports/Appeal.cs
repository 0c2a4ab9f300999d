using Coop.Domain.ItemTypes;

namespace Coop.Domain.Reports;

/// <summary>
/// A user's appeal of actions taken on an item, with its context, waiting to become an appeal review job.
/// <see cref="AppealId"/> is the platform's own id, echoed back in the appeal decision callback.
/// </summary>
public sealed class Appeal
{
    private Appeal()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string AppealId { get; private set; } = string.Empty;

    public string AppealedById { get; private set; } = string.Empty;

    public string AppealedByTypeId { get; private set; } = string.Empty;

    public DateTime AppealedAt { get; private set; }

    public string ItemId { get; private set; } = string.Empty;

    public string ItemTypeId { get; private set; } = string.Empty;


    /// <summary>The user it concerns: the item itself for user items, else the item's author when known (indexes the user's history).</summary>
    public string? UserItemId { get; private set; }

    public string? UserItemTypeId { get; private set; }

    /// <summary>Ids of the actions being appealed (JSON array); each was checked to exist.</summary>
    public string ActionsTaken { get; private set; } = "[]";

    public string? AppealReason { get; private set; }

    /// <summary>Policy ids the platform says were violated (JSON array).</summary>
    public string ViolatingPolicyIds { get; private set; } = "[]";


    public string? RequestId { get; private set; }

    public DateTime ReceivedAt { get; private set; }

    public DateTime? RoutedAt { get; private set; }

    /// <summary>The review job routing placed it in.</summary>
    public string? JobId { get; private set; }

    /// <summary>The items it carried: the subject first, then thread and additional items in order.</summary>
    public List<ContextItem> Context { get; private set; } = [];

    public static Appeal Receive(
        string organizationId, string appealId, ItemIdentifier appealedBy, DateTime appealedAtUtc, ItemIdentifier item,
        string actionsTaken, string? appealReason, string violatingPolicyIds, string? requestId, DateTime receivedAtUtc, IEnumerable<ContextItem> context,
        ItemIdentifier? user = null) =>
        new()
        {
            Id = Guid.NewGuid().ToString(),
            OrganizationId = organizationId,
            AppealId = appealId,
            AppealedById = appealedBy.Id,
            AppealedByTypeId = appealedBy.TypeId,
            AppealedAt = DateTime.SpecifyKind(appealedAtUtc, DateTimeKind.Utc),
            ItemId = item.Id,
            ItemTypeId = item.TypeId,
            UserItemId = user?.Id,
            UserItemTypeId = user?.TypeId,
            ActionsTaken = actionsTaken,
            AppealReason = appealReason is { Length: > 5000 } ? appealReason[..5000] : appealReason,
            ViolatingPolicyIds = violatingPolicyIds,
            RequestId = requestId,
            ReceivedAt = DateTime.SpecifyKind(receivedAtUtc, DateTimeKind.Utc),
            Context = [.. context],
        };

    public void MarkRouted(DateTime nowUtc) => RoutedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);

    /// <summary>Records the job the appeal joined or opened.</summary>
    public void RouteTo(string jobId, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        JobId = jobId;
        MarkRouted(nowUtc);
    }
}
