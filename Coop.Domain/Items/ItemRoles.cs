namespace Coop.Domain.Items;

/// <summary>
/// The role fields of an item, pulled out of its data so history and investigation can query them by index:
/// who created it, which thread and parent it belongs to, when the platform says it was created, and so on.
/// </summary>
public sealed record ItemRoles(
    ItemReference? Creator = null,
    ItemReference? Thread = null,
    ItemReference? Parent = null,
    DateTime? CreatedAt = null,
    string? DisplayName = null,
    bool? IsDeleted = null)
{
    public static ItemRoles None { get; } = new();
}
