using Microsoft.AspNetCore.Identity;

namespace Coop.Infrastructure.Identity;

/// <summary>
/// One of an organization's roles: a system role (<see cref="IsSystem"/>) or a custom one. <c>Name</c> is the display name
/// (admins may rename it); <see cref="Key"/> is the stable Coop role key. Its permissions are role claims
/// of type <c>coop:permission</c>.
/// </summary>
public sealed class CoopRole : IdentityRole
{
    public string OrganizationId { get; set; } = string.Empty;

    public string Key { get; set; } = string.Empty;

    public string? Description { get; set; }

    public bool IsSystem { get; set; } = true;
}
