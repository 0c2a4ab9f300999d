using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Infrastructure.Identity;

/// <summary>
/// A user's access stamp fingerprints what their principal's permissions were built from: the roles they hold and
/// each role's concurrency stamp (renewed whenever the role's permissions change). A principal whose stamp differs
/// from the current one is stale and is rebuilt; a deactivated or deleted user has no current stamp.
/// </summary>
public static class AccessStamps
{
    /// <summary>The user's current stamp, or null when the user no longer exists or is deactivated.</summary>
    public static async Task<string?> CurrentAsync(CoopDbContext db, string userId, CancellationToken cancellationToken = default)
    {
        var user = await db.Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.OrganizationId, u.IsDeactivated }).SingleOrDefaultAsync(cancellationToken);
        if (user is null || user.IsDeactivated)
        {
            return null;
        }

        var roles = await (
            from ur in db.UserRoles.AsNoTracking()
            join r in db.Roles.AsNoTracking() on ur.RoleId equals r.Id
            where ur.UserId == userId && r.OrganizationId == user.OrganizationId
            select new { r.Id, r.ConcurrencyStamp }).ToListAsync(cancellationToken);
        return Compose(roles.Select(r => (r.Id, (string?)r.ConcurrencyStamp)));
    }

    public static string Compose(IEnumerable<(string RoleId, string? RoleStamp)> roles) =>
        string.Join(';', roles.OrderBy(r => r.RoleId, StringComparer.Ordinal).Select(r => $"{r.RoleId}:{r.RoleStamp}"));
}
