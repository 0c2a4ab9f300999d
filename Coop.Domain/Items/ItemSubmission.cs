using Coop.Domain.ItemTypes;

namespace Coop.Domain.Items;

/// <summary>
/// One version of an item as the platform sent it: the normalized data plus the role fields extracted from
/// it into indexed columns. Re-submitting an item (same id and type) adds a new submission; nothing is
/// overwritten. Rows are committed before the API answers, then processed in the background.
/// </summary>
public sealed class ItemSubmission
{
    public const int MaxIdLength = 256;

    private ItemSubmission()
    {
    }

    public long Id { get; private set; }

    public string OrganizationId { get; private set; } = string.Empty;

    /// <summary>The platform's own id of the item.</summary>
    public string ItemId { get; private set; } = string.Empty;

    public string ItemTypeId { get; private set; } = string.Empty;

    /// <summary>The item type revision the data was validated against.</summary>
    public string ItemTypeVersion { get; private set; } = string.Empty;

    /// <summary><c>original</c> or <c>partial</c> (all fields optional).</summary>
    public string SchemaVariant { get; private set; } = "original";

    /// <summary>Normalized data as JSON text; unknown keys kept verbatim.</summary>
    public string Data { get; private set; } = "{}";

    public string? CreatorId { get; private set; }

    public string? CreatorTypeId { get; private set; }

    public string? ThreadId { get; private set; }

    public string? ThreadTypeId { get; private set; }

    public string? ParentId { get; private set; }

    public string? ParentTypeId { get; private set; }

    /// <summary>When the platform says the item was created (the createdAt role), if it says.</summary>
    public DateTime? PlatformCreatedAt { get; private set; }

    public string? DisplayName { get; private set; }

    public bool? IsDeleted { get; private set; }

    /// <summary>Where it came from: <c>items</c>, <c>content</c>, <c>report</c>, <c>appeal</c>, <c>action</c>.</summary>
    public string Source { get; private set; } = string.Empty;

    /// <summary>Correlation id of the request that carried it (Coop's <c>requestId</c>).</summary>
    public string? RequestId { get; private set; }

    public DateTime ReceivedAt { get; private set; }

    public DateTime? ProcessedAt { get; private set; }

    public int ProcessingAttempts { get; private set; }

    /// <summary>Until when a worker holds this row; another worker may take it after that.</summary>
    public DateTime? LeaseUntil { get; private set; }

    /// <summary>Which claim holds the lease (a fresh id per claim).</summary>
    public string? LeaseOwner { get; private set; }

    public string? LastError { get; private set; }

    public static ItemSubmission Accept(
        string organizationId, string itemId, string itemTypeId, string itemTypeVersion, string schemaVariant,
        string normalizedData, ItemRoleValues roles, string source, string? requestId, DateTime receivedAtUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        ArgumentException.ThrowIfNullOrWhiteSpace(itemTypeId);
        if (itemId.Length > MaxIdLength)
        {
            throw new ArgumentException($"An item id has at most {MaxIdLength} characters.", nameof(itemId));
        }

        return new ItemSubmission
        {
            OrganizationId = organizationId,
            ItemId = itemId,
            ItemTypeId = itemTypeId,
            ItemTypeVersion = itemTypeVersion,
            SchemaVariant = schemaVariant,
            Data = normalizedData,
            CreatorId = roles.Creator?.Id,
            CreatorTypeId = roles.Creator?.TypeId,
            ThreadId = roles.Thread?.Id,
            ThreadTypeId = roles.Thread?.TypeId,
            ParentId = roles.Parent?.Id,
            ParentTypeId = roles.Parent?.TypeId,
            PlatformCreatedAt = roles.CreatedAt is { } created ? DateTime.SpecifyKind(created, DateTimeKind.Utc) : null,
            DisplayName = roles.DisplayName is { Length: > 512 } long_ ? long_[..512] : roles.DisplayName,
            IsDeleted = roles.IsDeleted,
            Source = source,
            RequestId = requestId,
            ReceivedAt = DateTime.SpecifyKind(receivedAtUtc, DateTimeKind.Utc),
        };
    }

    /// <summary>Names the creator when the data did not (the legacy endpoint's <c>userId</c>).</summary>
    public void AssignCreatorIfMissing(ItemIdentifier creator)
    {
        if (CreatorId is null)
        {
            CreatorId = creator.Id;
            CreatorTypeId = creator.TypeId;
        }
    }

    public void MarkProcessed(DateTime nowUtc)
    {
        ProcessingAttempts++;
        ProcessedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        LeaseUntil = null;
        LeaseOwner = null;
        LastError = null;
    }

    public void RecordFailure(string error)
    {
        ProcessingAttempts++;
        LastError = error.Length > 2000 ? error[..2000] : error;
        LeaseUntil = null;
        LeaseOwner = null;
    }
}
