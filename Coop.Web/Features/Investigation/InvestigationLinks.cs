namespace Coop.Web.Features.Investigation;

/// <summary>Addresses of investigation pages and their neighbours, with every id escaped as one path segment.</summary>
public static class InvestigationLinks
{
    public static string Item(string itemTypeId, string itemId) => $"/investigation/items/{Segment(itemTypeId)}/{Segment(itemId)}";

    /// <summary>The user page (history, strikes, notes of one user item).</summary>
    public static string User(string userTypeId, string userId) => $"/users/{Segment(userTypeId)}/{Segment(userId)}";

    public static string Job(string jobId) => $"/review/jobs/{Segment(jobId)}";

    /// <summary>The Run Action page with the item filled in.</summary>
    public static string RunAction(string itemTypeId, string itemId) =>
        $"/actions/run?itemTypeId={Uri.EscapeDataString(itemTypeId)}&itemId={Uri.EscapeDataString(itemId)}";

    /// <summary>The delivery log, narrowed to one item's callbacks.</summary>
    public static string Deliveries(string itemTypeId, string itemId) =>
        $"/actions/deliveries?itemTypeId={Uri.EscapeDataString(itemTypeId)}&itemId={Uri.EscapeDataString(itemId)}";

    private static string Segment(string value) => Uri.EscapeDataString(value);
}
