namespace Coop.Domain.Actions;

/// <summary>
/// One item id of a bulk run. It moves from <see cref="BulkActionItemStatus.Pending"/> to Done in the same transaction that
/// records its actions, so an item is actioned at most once however often the run is resumed. (RunId, ItemId) is unique.
/// </summary>
public sealed class BulkActionRunItem
{
    public const int ErrorMaxLength = 1000;

    private BulkActionRunItem()
    {
    }

    public long Id { get; private set; }

    public string RunId { get; private set; } = string.Empty;

    public string ItemId { get; private set; } = string.Empty;

    public BulkActionItemStatus Status { get; private set; }

    public string? Error { get; private set; }

    public DateTime? ProcessedAt { get; private set; }

    public static BulkActionRunItem For(string runId, string itemId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(runId);
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        return new BulkActionRunItem { RunId = runId, ItemId = itemId, Status = BulkActionItemStatus.Pending };
    }

    /// <summary>Trims an error to what the column holds.</summary>
    public static string ClipError(string error) =>
        string.IsNullOrEmpty(error) || error.Length <= ErrorMaxLength ? error : error[..ErrorMaxLength];
}
