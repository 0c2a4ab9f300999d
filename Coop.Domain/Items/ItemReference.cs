namespace Coop.Domain.Items;

/// <summary>An item named by the pair that identifies it in Coop: the platform's id and the item type id.</summary>
public sealed record ItemReference(string Id, string TypeId);
