namespace Coop.Web.Features.Actions;

/// <summary>
/// The organization's item types, for choosing which ones an action applies to. Item types are another
/// feature's; until it is wired, <see cref="NoItemTypeLookup"/> answers with none.
/// </summary>
public interface IItemTypeLookup
{
    Task<IReadOnlyList<ItemTypeOption>> ListAsync(string organizationId, CancellationToken cancellationToken = default);
}

/// <summary>An item type to choose: its id, name and kind (CONTENT, USER or THREAD).</summary>
public sealed record ItemTypeOption(string Id, string Name, string Kind);

/// <summary>Placeholder until the item types feature registers its own lookup.</summary>
internal sealed class NoItemTypeLookup : IItemTypeLookup
{
    public Task<IReadOnlyList<ItemTypeOption>> ListAsync(string organizationId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ItemTypeOption>>([]);
}
