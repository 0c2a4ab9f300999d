namespace Coop.Web.Features.Ingestion;

/// <summary>The latest revision of each of an organization's item types, by id and by name.</summary>
public sealed class OrganizationItemTypes
{
    private readonly Dictionary<string, ResolvedItemType> byId;
    private readonly Dictionary<string, ResolvedItemType> byName;

    public OrganizationItemTypes(IEnumerable<ResolvedItemType> itemTypes)
    {
        All = [.. itemTypes.OrderBy(t => t.Name, StringComparer.OrdinalIgnoreCase)];
        byId = All.ToDictionary(t => t.Id, StringComparer.Ordinal);
        byName = All.ToDictionary(t => t.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<ResolvedItemType> All { get; }

    public ResolvedItemType? ById(string id) => byId.GetValueOrDefault(id);

    /// <summary>By exact name, as Coop 1.0's legacy <c>/content</c> endpoint looks types up.</summary>
    public ResolvedItemType? ByName(string name) => byName.GetValueOrDefault(name);

    public ResolvedItemType? DefaultUserType => All.FirstOrDefault(t => t.IsDefaultUserType);

    /// <summary>For <see cref="Domain.ItemTypes.ItemDataValidator"/>: may a related item name this type id?</summary>
    public bool Contains(string itemTypeId) => byId.ContainsKey(itemTypeId);
}
