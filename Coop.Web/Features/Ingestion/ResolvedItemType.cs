using System.Text.Json.Nodes;
using Coop.Domain.ItemTypes;

namespace Coop.Web.Features.Ingestion;

/// <summary>
/// One incarnation of an item type — (id, version, schema variant) — as the ingestion code needs it: the schema to
/// validate against and the version to record on each submission.
/// </summary>
public sealed record ResolvedItemType(
    string Id,
    string OrganizationId,
    string Name,
    string? Description,
    ItemTypeKind Kind,
    string Version,
    bool IsDefaultUserType,
    ItemTypeSchema Schema,
    SchemaVariant Variant,
    bool IsLatest)
{
    public ResolvedItemType WithVariant(SchemaVariant variant) => this with { Variant = variant };

    /// <summary>Validates and normalizes <paramref name="data"/> (see <see cref="ItemDataValidator.Validate"/>) with this incarnation's variant.</summary>
    public ItemDataValidationResult Validate(JsonObject data, string pointerPrefix, Func<string, bool>? isKnownItemTypeId) =>
        ItemDataValidator.Validate(Schema, data, Variant, pointerPrefix, isKnownItemTypeId);

    /// <summary>The role values (creator, thread, created-at…) of data this type normalized.</summary>
    public ItemRoleValues ExtractRoles(JsonObject normalizedData) => ItemRoleValues.Extract(Schema, normalizedData);
}
