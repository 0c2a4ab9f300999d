using System.Globalization;
using Coop.Domain.Common;

namespace Coop.Domain.ItemTypes;

/// <summary>
/// An organization's item type: what the platform sends (content, users, threads) and how to read it. Every change
/// makes a new immutable <see cref="ItemTypeRevision"/> whose <see cref="Version"/> (the ISO-8601 UTC time of the
/// change, to the microsecond, as in Coop 1.0) submissions record, so old submissions stay readable.
/// </summary>
public sealed class ItemType
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 2000;
    public const string DefaultUserTypeName = "User";
    public const int IdMaxLength = 64;

    private ItemTypeSchema? schema;

    private ItemType()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public string? Description { get; private set; }

    public ItemTypeKind Kind { get; private set; }

    /// <summary>The organization's default user type (the legacy <c>/content</c> endpoint's <c>userId</c>); never deleted.</summary>
    public bool IsDefaultUserType { get; private set; }

    /// <summary>The current revision's version, e.g. <c>2026-11-24T11:21:54.123456Z</c>.</summary>
    public string Version { get; private set; } = string.Empty;

    /// <summary>The current schema as JSON (see <see cref="ItemTypeSchema.ToJson"/>).</summary>
    public string SchemaJson { get; private set; } = string.Empty;

    public DateTime CreatedAt { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public ItemTypeSchema Schema => schema ??= ItemTypeSchema.FromJson(SchemaJson);

    public bool CanBeDeleted => !IsDefaultUserType;

    /// <summary>
    /// Creates an item type and its first revision; throws <see cref="ItemTypeInvalidException"/> on a bad definition.
    /// <paramref name="id"/> keeps a given id (config import promoting a setup between installs); null makes a new one.
    /// </summary>
    public static (ItemType ItemType, ItemTypeRevision Revision) Create(
        string organizationId, string name, string? description, ItemTypeSchema schema, DateTime nowUtc, string? actor, string? id = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        if (id is not null && !ConfigIds.IsValid(id))
        {
            throw new ItemTypeInvalidException([new ItemTypeProblem("Id", $"An item type id has 1 to {IdMaxLength} characters and no spaces.")]);
        }

        var itemType = new ItemType
        {
            Id = id ?? Ids.New(),
            OrganizationId = organizationId,
            Kind = schema.Kind,
            CreatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
        };
        var revision = itemType.Apply(name, description, schema, nowUtc, actor);
        return (itemType, revision);
    }

    /// <summary>The USER type every organization gets at creation: "User" with one optional STRING field <c>name</c>.</summary>
    public static (ItemType ItemType, ItemTypeRevision Revision) CreateDefaultUserType(string organizationId, DateTime nowUtc)
    {
        var (itemType, _) = Create(organizationId, DefaultUserTypeName, "This is the default user for the org.",
            new ItemTypeSchema(ItemTypeKind.User, [new ItemTypeField("name", ScalarType.String, false)]), nowUtc, "system");
        itemType.IsDefaultUserType = true;
        return (itemType, ItemTypeRevision.Of(itemType, "system"));
    }

    /// <summary>Changes the definition and returns the new revision. The kind never changes.</summary>
    public ItemTypeRevision Update(string name, string? description, ItemTypeSchema newSchema, DateTime nowUtc, string? actor)
    {
        if (newSchema.Kind != Kind)
        {
            throw new ItemTypeInvalidException([new ItemTypeProblem("Kind", $"An item type's kind cannot change (it is {Kind.ToWire()}).")]);
        }

        return Apply(name, description, newSchema, nowUtc, actor);
    }

    /// <summary>
    /// True when <see cref="Update"/> with these values would change nothing (same trimmed name and description, same
    /// schema), so an idempotent import can skip making a revision.
    /// </summary>
    public bool Matches(string name, string? description, ItemTypeSchema newSchema) =>
        newSchema.Kind == Kind
        && string.Equals(Name, (name ?? string.Empty).Trim(), StringComparison.Ordinal)
        && string.Equals(Description, string.IsNullOrWhiteSpace(description) ? null : description.Trim(), StringComparison.Ordinal)
        && string.Equals(Schema.ToJson(), newSchema.ToJson(), StringComparison.Ordinal);

    /// <summary>Every problem with a definition (name, description, schema), without changing anything.</summary>
    public static IReadOnlyList<ItemTypeProblem> Check(string name, string? description, ItemTypeSchema schema)
    {
        var trimmedName = (name ?? string.Empty).Trim();
        var trimmedDescription = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        var problems = new List<ItemTypeProblem>();
        if (trimmedName.Length == 0)
        {
            problems.Add(new("Name", "An item type needs a name."));
        }
        else if (trimmedName.Length > NameMaxLength)
        {
            problems.Add(new("Name", $"An item type name has at most {NameMaxLength} characters."));
        }

        if (trimmedDescription?.Length > DescriptionMaxLength)
        {
            problems.Add(new("Description", $"A description has at most {DescriptionMaxLength} characters."));
        }

        problems.AddRange(schema.Check());
        return problems;
    }

    /// <summary>Formats a revision time as Coop 1.0 does: <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>, UTC.</summary>
    public static string FormatVersion(DateTime utc) =>
        DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private ItemTypeRevision Apply(string name, string? description, ItemTypeSchema newSchema, DateTime nowUtc, string? actor)
    {
        var trimmedName = (name ?? string.Empty).Trim();
        var trimmedDescription = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        var problems = Check(name ?? string.Empty, description, newSchema);
        if (problems.Count > 0)
        {
            throw new ItemTypeInvalidException(problems);
        }

        var now = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);

        // Versions have microsecond precision and strictly increase, even when two edits share a clock tick.
        var truncated = new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
        var revisionTime = UpdatedAt != default && truncated <= UpdatedAt ? UpdatedAt.AddTicks(10) : truncated;
        Name = trimmedName;
        Description = trimmedDescription;
        SchemaJson = newSchema.ToJson();
        schema = newSchema;
        UpdatedAt = revisionTime;
        Version = FormatVersion(revisionTime);
        return ItemTypeRevision.Of(this, actor);
    }
}
