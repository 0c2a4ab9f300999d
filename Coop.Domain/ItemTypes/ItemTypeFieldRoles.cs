namespace Coop.Domain.ItemTypes;

/// <summary>
/// The role assignments of an item type: role → field name. Immutable; <see cref="With"/> returns a changed copy.
/// </summary>
public sealed class ItemTypeFieldRoles : IEquatable<ItemTypeFieldRoles>
{
    private readonly SortedDictionary<ItemTypeRole, string> assigned;

    public ItemTypeFieldRoles(IEnumerable<KeyValuePair<ItemTypeRole, string?>>? roles = null)
    {
        assigned = [];
        foreach (var (role, field) in roles ?? [])
        {
            if (!string.IsNullOrWhiteSpace(field))
            {
                assigned[role] = field;
            }
        }
    }

    public static ItemTypeFieldRoles None { get; } = new();

    /// <summary>The assigned roles in role order.</summary>
    public IReadOnlyDictionary<ItemTypeRole, string> Assigned => assigned;

    public string? this[ItemTypeRole role] => assigned.GetValueOrDefault(role);

    public string? DisplayName => this[ItemTypeRole.DisplayName];

    public string? CreatedAt => this[ItemTypeRole.CreatedAt];

    public string? CreatorId => this[ItemTypeRole.CreatorId];

    public string? ThreadId => this[ItemTypeRole.ThreadId];

    public string? ParentId => this[ItemTypeRole.ParentId];

    public string? IsDeleted => this[ItemTypeRole.IsDeleted];

    public string? IpAddress => this[ItemTypeRole.IpAddress];

    public string? ProfileIcon => this[ItemTypeRole.ProfileIcon];

    public string? BackgroundImage => this[ItemTypeRole.BackgroundImage];

    public string? Email => this[ItemTypeRole.Email];

    public ItemTypeFieldRoles With(ItemTypeRole role, string? field)
    {
        var copy = assigned.ToDictionary(p => p.Key, p => (string?)p.Value);
        copy[role] = field;
        return new ItemTypeFieldRoles(copy);
    }

    /// <summary>The roles held by <paramref name="fieldName"/>.</summary>
    public IEnumerable<ItemTypeRole> RolesOf(string fieldName) =>
        assigned.Where(p => p.Value == fieldName).Select(p => p.Key);

    public bool Equals(ItemTypeFieldRoles? other) =>
        other is not null && assigned.Count == other.assigned.Count && assigned.All(p => other[p.Key] == p.Value);

    public override bool Equals(object? obj) => Equals(obj as ItemTypeFieldRoles);

    public override int GetHashCode() => assigned.Aggregate(0, (h, p) => HashCode.Combine(h, p.Key, p.Value));
}
