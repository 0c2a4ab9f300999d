namespace Coop.Domain.ItemTypes;

/// <summary>A field role: which schema field means what (Coop's <c>schemaFieldRoles</c>).</summary>
public enum ItemTypeRole
{
    DisplayName,
    CreatedAt,
    CreatorId,
    ThreadId,
    ParentId,
    IsDeleted,
    IpAddress,
    ProfileIcon,
    BackgroundImage,
    Email,
}
