namespace Coop.Domain.ItemTypes;

/// <summary>
/// One immutable version of an item type: its name, kind and schema as they were from <see cref="Version"/> on.
/// Kept after later edits (and after the item type is deleted) so submissions are read with the schema they were
/// validated against.
/// </summary>
public sealed class ItemTypeRevision
{
    private ItemTypeSchema? schema;

    private ItemTypeRevision()
    {
    }

    public string ItemTypeId { get; private set; } = string.Empty;

    public string Version { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public ItemTypeKind Kind { get; private set; }

    public bool IsDefaultUserType { get; private set; }

    public string SchemaJson { get; private set; } = string.Empty;

    public DateTime CreatedAt { get; private set; }

    /// <summary>Who made the change: an email, "cli", "system" or "import".</summary>
    public string? CreatedBy { get; private set; }

    public ItemTypeSchema Schema => schema ??= ItemTypeSchema.FromJson(SchemaJson);

    public static ItemTypeRevision Of(ItemType itemType, string? actor) => new()
    {
        ItemTypeId = itemType.Id,
        Version = itemType.Version,
        OrganizationId = itemType.OrganizationId,
        Name = itemType.Name,
        Description = itemType.Description,
        Kind = itemType.Kind,
        IsDefaultUserType = itemType.IsDefaultUserType,
        SchemaJson = itemType.SchemaJson,
        CreatedAt = itemType.UpdatedAt,
        CreatedBy = actor,
    };
}
