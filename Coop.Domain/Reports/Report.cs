using Coop.Domain.ItemTypes;

namespace Coop.Domain.Reports;

/// <summary>
/// A user report of an item, stored with all its context (the reported item's data, the thread around it,
/// which thread items were reported too, additional items) so routing can turn it into a review job, and a
/// reviewer sees what the reporter saw. <see cref="RoutedAt"/> stays empty until routing has placed it.
/// </summary>
public sealed class Report
{
    private Report()
    {
    }

    /// <summary>The id returned to the platform as <c>reportId</c>.</summary>
    public string Id { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string ReporterKind { get; private set; } = "user";

    public string ReporterId { get; private set; } = string.Empty;

    public string ReporterTypeId { get; private set; } = string.Empty;

    public DateTime ReportedAt { get; private set; }

    public string ItemId { get; private set; } = string.Empty;

    public string ItemTypeId { get; private set; } = string.Empty;


    /// <summary>The user it concerns: the item itself for user items, else the item's author when known (indexes the user's history).</summary>
    public string? UserItemId { get; private set; }

    public string? UserItemTypeId { get; private set; }

    public string? PolicyId { get; private set; }

    public string? Reason { get; private set; }

    /// <summary>Reported as child sexual abuse material: skips routing rules and goes to the NCMEC queue.</summary>
    public bool IsCsam { get; private set; }


    /// <summary>Which thread items were themselves reported: JSON array of <c>{ id, typeId }</c>.</summary>
    public string ReportedItemsInThread { get; private set; } = "[]";


    public string? RequestId { get; private set; }

    public DateTime ReceivedAt { get; private set; }

    public DateTime? RoutedAt { get; private set; }

    /// <summary>The review job routing placed it in.</summary>
    public string? JobId { get; private set; }

    /// <summary>The items it carried: the subject first, then thread and additional items in order.</summary>
    public List<ContextItem> Context { get; private set; } = [];

    public static Report Receive(
        string id, string organizationId, ItemIdentifier reporter, DateTime reportedAtUtc, ItemIdentifier item,
        string? policyId, string? reason, bool isCsam, string reportedItemsInThread, string? requestId, DateTime receivedAtUtc, IEnumerable<ContextItem> context,
        ItemIdentifier? user = null) =>
        new()
        {
            Id = id,
            OrganizationId = organizationId,
            ReporterId = reporter.Id,
            ReporterTypeId = reporter.TypeId,
            ReportedAt = DateTime.SpecifyKind(reportedAtUtc, DateTimeKind.Utc),
            ItemId = item.Id,
            ItemTypeId = item.TypeId,
            UserItemId = user?.Id,
            UserItemTypeId = user?.TypeId,
            PolicyId = policyId,
            Reason = reason is { Length: > 5000 } ? reason[..5000] : reason,
            IsCsam = isCsam,
            ReportedItemsInThread = reportedItemsInThread,
            RequestId = requestId,
            ReceivedAt = DateTime.SpecifyKind(receivedAtUtc, DateTimeKind.Utc),
            Context = [.. context],
        };

    public void MarkRouted(DateTime nowUtc) => RoutedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);

    /// <summary>Records the job the report joined or opened.</summary>
    public void RouteTo(string jobId, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(jobId);
        JobId = jobId;
        MarkRouted(nowUtc);
    }
}
