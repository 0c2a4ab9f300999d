namespace Coop.Domain.Items;

/// <summary>
/// The current state of an item (one row per organization, type and id): its latest submission and a
/// little history. Maintained by the ingestion worker from <see cref="ItemSubmission"/> rows.
/// </summary>
public sealed class Item
{
    private Item()
    {
    }

    public string OrganizationId { get; private set; } = string.Empty;

    public string ItemTypeId { get; private set; } = string.Empty;

    public string ItemId { get; private set; } = string.Empty;

    public long LatestSubmissionId { get; private set; }

    public int SubmissionCount { get; private set; }

    public DateTime FirstSeenAt { get; private set; }

    public DateTime LastSeenAt { get; private set; }

    public string? CreatorId { get; private set; }

    public string? CreatorTypeId { get; private set; }

    public string? ThreadId { get; private set; }

    public string? ThreadTypeId { get; private set; }

    public static Item FirstSeen(ItemSubmission submission)
    {
        var item = new Item
        {
            OrganizationId = submission.OrganizationId,
            ItemTypeId = submission.ItemTypeId,
            ItemId = submission.ItemId,
            FirstSeenAt = submission.ReceivedAt,
        };
        item.Apply(submission);
        return item;
    }

    /// <summary>Takes a submission into account; an older submission processed late never replaces a newer one.</summary>
    public void Apply(ItemSubmission submission)
    {
        if (submission.OrganizationId != OrganizationId || submission.ItemTypeId != ItemTypeId || submission.ItemId != ItemId)
        {
            throw new InvalidOperationException("The submission belongs to another item.");
        }

        SubmissionCount++;
        if (submission.ReceivedAt < FirstSeenAt)
        {
            FirstSeenAt = submission.ReceivedAt;
        }

        if (submission.Id < LatestSubmissionId)
        {
            return;
        }

        LatestSubmissionId = submission.Id;
        LastSeenAt = submission.ReceivedAt;
        CreatorId = submission.CreatorId;
        CreatorTypeId = submission.CreatorTypeId;
        ThreadId = submission.ThreadId;
        ThreadTypeId = submission.ThreadTypeId;
    }
}
