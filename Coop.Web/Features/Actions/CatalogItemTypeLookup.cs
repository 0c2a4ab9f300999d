using Coop.Domain.ItemTypes;
using Coop.Web.Features.Ingestion;

namespace Coop.Web.Features.Actions;

/// <summary>The organization's item types from <see cref="ItemTypeCatalog"/> (latest revisions), by name.</summary>
internal sealed class CatalogItemTypeLookup(ItemTypeCatalog catalog) : IItemTypeLookup
{
    public async Task<IReadOnlyList<ItemTypeOption>> ListAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        var itemTypes = await catalog.GetLatestAsync(organizationId, cancellationToken);
        return [.. itemTypes.All.Select(t => new ItemTypeOption(t.Id, t.Name, t.Kind.ToWire()))];
    }
}
