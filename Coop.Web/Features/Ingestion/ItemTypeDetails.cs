using Coop.Domain.ItemTypes;

namespace Coop.Web.Features.Ingestion;

/// <summary>One item type as the editor shows it: its current revision and how many revisions it has had.</summary>
public sealed record ItemTypeDetails(
    string Id,
    string Name,
    string? Description,
    ItemTypeKind Kind,
    string Version,
    bool IsDefaultUserType,
    ItemTypeSchema Schema,
    DateTime CreatedAt,
    DateTime UpdatedAt,
    int RevisionCount)
{
    internal static ItemTypeDetails From(ItemType t, int revisionCount) =>
        new(t.Id, t.Name, t.Description, t.Kind, t.Version, t.IsDefaultUserType, t.Schema, t.CreatedAt, t.UpdatedAt, revisionCount);
}
