using System.Text.Json;
using Coop.Domain.Moderation;

namespace Coop.Domain.ChildSafety;

/// <summary>
/// What a user-centred NCMEC job holds beside its <see cref="ReviewJob"/> (whose item is the user): the user's media as
/// last gathered (bounded; <see cref="OmittedItemCount"/> items with media were left out) and when. The items that put the
/// user into child-safety review are <see cref="NcmecJobItem"/> rows, so they can be found (and hidden) by item.
/// </summary>
public sealed class NcmecJobContent
{
    private NcmecJobContent()
    {
    }

    /// <summary>The NCMEC job's id.</summary>
    public string JobId { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string UserItemId { get; private set; } = string.Empty;

    public string UserItemTypeId { get; private set; } = string.Empty;

    /// <summary>False when the author could not be resolved and the job is about the reported item itself.</summary>
    public bool UserResolved { get; private set; }

    /// <summary>The media (JSON array of <see cref="NcmecJobMedium"/>).</summary>
    public string MediaJson { get; private set; } = "[]";

    public int MediaCount { get; private set; }

    /// <summary>Items of the user with media not gathered because the cap was reached.</summary>
    public int OmittedItemCount { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public static NcmecJobContent Create(ReviewJob job, bool userResolved)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new NcmecJobContent
        {
            JobId = job.Id,
            OrganizationId = job.OrganizationId,
            UserItemId = job.ItemId,
            UserItemTypeId = job.ItemTypeId,
            UserResolved = userResolved,
        };
    }

    public IReadOnlyList<NcmecJobMedium> Media => JsonSerializer.Deserialize<NcmecJobMedium[]>(MediaJson) ?? [];

    /// <summary>Replaces the gathered media (a fresh gathering on every enqueue: the user may have posted more).</summary>
    public void SetMedia(IReadOnlyList<NcmecJobMedium> media, int omittedItemCount, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(media);
        ArgumentOutOfRangeException.ThrowIfNegative(omittedItemCount);
        MediaJson = JsonSerializer.Serialize(media);
        MediaCount = media.Count;
        OmittedItemCount = omittedItemCount;
        UpdatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
    }
}

/// <summary>
/// One medium of an NCMEC job: the item and field it came from, its address, what kind it is (image, video, media),
/// whether the item was reported (or otherwise put the user into review), and what the item says about it.
/// <see cref="Key"/> identifies it in a reviewer's decision.
/// </summary>
public sealed record NcmecJobMedium(
    string Key,
    string ItemId,
    string ItemTypeId,
    string Field,
    string Url,
    string Kind,
    bool Reported,
    DateTimeOffset? CreatedAt = null,
    string? IpAddress = null)
{
    /// <summary>A short stable key for the medium (type, item, field, address).</summary>
    public static string KeyOf(string itemTypeId, string itemId, string field, string url) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(string.Join('\u001f', itemTypeId, itemId, field, url))))[..16];
}

/// <summary>An item that put the job's user into child-safety review (a csam report, a rule, a bank match, a reviewer).</summary>
public sealed class NcmecJobItem
{
    private NcmecJobItem()
    {
    }

    public string JobId { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string ItemTypeId { get; private set; } = string.Empty;

    public string ItemId { get; private set; } = string.Empty;

    public DateTime AddedAt { get; private set; }

    public static NcmecJobItem Create(ReviewJob job, string itemTypeId, string itemId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(job);
        ArgumentException.ThrowIfNullOrWhiteSpace(itemTypeId);
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        return new NcmecJobItem
        {
            JobId = job.Id,
            OrganizationId = job.OrganizationId,
            ItemTypeId = itemTypeId,
            ItemId = itemId,
            AddedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
        };
    }
}
