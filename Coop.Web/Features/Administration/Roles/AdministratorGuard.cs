using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration.Roles;

/// <summary>
/// Who holds which permissions in an organization, as a snapshot a change can be tried on before it is saved, so
/// no change leaves the organization without an active user who can manage roles and one who can manage users.
/// </summary>
internal sealed class AccessSnapshot
{
    private AccessSnapshot(Dictionary<string, string?> activeUserRoles, Dictionary<string, HashSet<string>> rolePermissions)
    {
        ActiveUserRoles = activeUserRoles;
        RolePermissions = rolePermissions;
    }

    /// <summary>Active (not deactivated) users and their role id.</summary>
    public Dictionary<string, string?> ActiveUserRoles { get; }

    /// <summary>Each role id's permissions.</summary>
    public Dictionary<string, HashSet<string>> RolePermissions { get; }

    public static async Task<AccessSnapshot> LoadAsync(CoopDbContext db, string organizationId, CancellationToken cancellationToken)
    {
        var roles = await db.Roles.AsNoTracking().Where(r => r.OrganizationId == organizationId).Select(r => r.Id).ToListAsync(cancellationToken);
        var claims = await db.RoleClaims.AsNoTracking()
            .Where(c => roles.Contains(c.RoleId) && c.ClaimType == Permissions.ClaimType && c.ClaimValue != null)
            .Select(c => new { c.RoleId, c.ClaimValue }).ToListAsync(cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => u.OrganizationId == organizationId && !u.IsDeactivated)
            .Select(u => new { u.Id, RoleId = db.UserRoles.Where(ur => ur.UserId == u.Id).Select(ur => ur.RoleId).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        return new AccessSnapshot(
            users.ToDictionary(u => u.Id, u => u.RoleId),
            roles.ToDictionary(r => r, r => claims.Where(c => c.RoleId == r).Select(c => c.ClaimValue!).ToHashSet(StringComparer.Ordinal)));
    }

    public bool AnyoneHolds(string permission) =>
        ActiveUserRoles.Values.Any(r => r is not null && RolePermissions.TryGetValue(r, out var p) && p.Contains(permission));

    /// <summary>Refuses (with <paramref name="field"/> as the error's field) a state in which nobody could administer access any more.</summary>
    public void EnsureAdministrable(string field)
    {
        foreach (var permission in new[] { Permissions.ManageRoles, Permissions.ManageUsers })
        {
            if (!AnyoneHolds(permission))
            {
                throw new ValidationFailedException(field,
                    $"This change would leave no active user with '{Permissions.Describe(permission).Label}': keep at least one administrator.");
            }
        }
    }
}
