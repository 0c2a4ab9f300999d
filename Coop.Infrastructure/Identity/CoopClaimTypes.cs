namespace Coop.Infrastructure.Identity;

/// <summary>Claim types Coop adds to a signed-in user's principal.</summary>
public static class CoopClaimTypes
{
    public const string OrganizationId = "coop:org";
    public const string RoleKey = "coop:role";
    public const string RoleName = "coop:role-name";
    public const string DisplayName = "coop:display-name";

    /// <summary>A fingerprint of the user's role assignment and role versions; see <see cref="AccessStamps"/>.</summary>
    public const string AccessStamp = "coop:access-stamp";
}
