using Coop.Domain.ItemTypes;

namespace Coop.Web.Features.Ingestion;

/// <summary>A row of the item type list.</summary>
public sealed record ItemTypeSummary(
    string Id, string Name, string? Description, ItemTypeKind Kind, string Version, int FieldCount, bool IsDefaultUserType, DateTime UpdatedAt);
