namespace Coop.Domain.ItemTypes;

/// <summary>What a role needs: its wire name, the scalar type its field must have, and the kinds it applies to.</summary>
public sealed record ItemTypeRoleInfo(
    ItemTypeRole Role, string WireName, string Label, ScalarType FieldType, IReadOnlySet<ItemTypeKind> Kinds, string Purpose)
{
    private static readonly HashSet<ItemTypeKind> AllKinds = [ItemTypeKind.Content, ItemTypeKind.Thread, ItemTypeKind.User];

    /// <summary>Every role, in the order the console shows them (Coop 1.0's role table).</summary>
    public static IReadOnlyList<ItemTypeRoleInfo> All { get; } =
    [
        new(ItemTypeRole.DisplayName, "displayName", "Display name", ScalarType.String, AllKinds, "Shown as the item's title."),
        new(ItemTypeRole.CreatedAt, "createdAt", "Created at", ScalarType.Datetime, AllKinds, "Orders threads; time windows."),
        new(ItemTypeRole.CreatorId, "creatorId", "Creator", ScalarType.RelatedItem, new HashSet<ItemTypeKind> { ItemTypeKind.Content, ItemTypeKind.Thread },
            "The author (a user item): strikes, user history."),
        new(ItemTypeRole.ThreadId, "threadId", "Thread", ScalarType.RelatedItem, new HashSet<ItemTypeKind> { ItemTypeKind.Content },
            "The thread the item belongs to; needs Created at."),
        new(ItemTypeRole.ParentId, "parentId", "Parent", ScalarType.RelatedItem, new HashSet<ItemTypeKind> { ItemTypeKind.Content },
            "The item this one replies to; needs Thread and Created at."),
        new(ItemTypeRole.IsDeleted, "isDeleted", "Is deleted", ScalarType.Boolean, AllKinds, "Closes open review jobs of deleted items."),
        new(ItemTypeRole.IpAddress, "ipAddress", "IP address", ScalarType.IpAddress, AllKinds, "IP investigation and NCMEC reports."),
        new(ItemTypeRole.ProfileIcon, "profileIcon", "Profile icon", ScalarType.Image, new HashSet<ItemTypeKind> { ItemTypeKind.User }, "The avatar."),
        new(ItemTypeRole.BackgroundImage, "backgroundImage", "Background image", ScalarType.Image, new HashSet<ItemTypeKind> { ItemTypeKind.User },
            "The profile banner."),
        new(ItemTypeRole.Email, "email", "Email", ScalarType.EmailAddress, new HashSet<ItemTypeKind> { ItemTypeKind.User },
            "The user's email, for NCMEC reports."),
    ];

    public static ItemTypeRoleInfo Get(ItemTypeRole role) => All.Single(r => r.Role == role);

    /// <summary>The roles an item type of <paramref name="kind"/> may assign.</summary>
    public static IEnumerable<ItemTypeRoleInfo> For(ItemTypeKind kind) => All.Where(r => r.Kinds.Contains(kind));

    /// <summary>True when <paramref name="field"/> may fill this role: a single value of the role's type.</summary>
    public bool Accepts(ItemTypeField field) => field.IsScalar && field.ScalarType == FieldType;
}
