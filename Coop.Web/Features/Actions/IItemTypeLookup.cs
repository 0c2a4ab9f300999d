namespace Coop.Web.Features.Actions;

/// <summary>The organization's item types, for choosing which ones an action applies to.</summary>
public interface IItemTypeLookup
{
    Task<IReadOnlyList<ItemTypeOption>> ListAsync(string organizationId, CancellationToken cancellationToken = default);
}

/// <summary>An item type to choose: its id, name and kind (CONTENT, USER or THREAD).</summary>
public sealed record ItemTypeOption(string Id, string Name, string Kind);
