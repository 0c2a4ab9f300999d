namespace Coop.Domain.ItemTypes;

/// <summary>An item's identity: the platform's id and Coop's item type id.</summary>
public sealed record ItemIdentifier(string Id, string TypeId);
