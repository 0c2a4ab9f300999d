using System.Security.Claims;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coop.Infrastructure.Identity;

/// <summary>
/// Builds the cookie principal: identity claims plus the user's organization, role and the role's
/// permissions. Roles are per organization, so they are looked up by id, never by name.
/// </summary>
public sealed class CoopClaimsPrincipalFactory(
    UserManager<CoopUser> userManager,
    IOptions<IdentityOptions> options,
    CoopDbContext db)
    : UserClaimsPrincipalFactory<CoopUser>(userManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(CoopUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(CoopClaimTypes.OrganizationId, user.OrganizationId));
        identity.AddClaim(new Claim(CoopClaimTypes.DisplayName, user.DisplayName));

        var roles = await (
            from ur in db.UserRoles
            join r in db.Roles on ur.RoleId equals r.Id
            where ur.UserId == user.Id && r.OrganizationId == user.OrganizationId
            select new { r.Id, r.Key, r.Name, r.ConcurrencyStamp }).ToListAsync();

        foreach (var role in roles)
        {
            identity.AddClaim(new Claim(CoopClaimTypes.RoleKey, role.Key));
            identity.AddClaim(new Claim(CoopClaimTypes.RoleName, role.Name ?? role.Key));
        }

        identity.AddClaim(new Claim(CoopClaimTypes.AccessStamp, AccessStamps.Compose(roles.Select(r => (r.Id, (string?)r.ConcurrencyStamp)))));

        var roleIds = roles.Select(r => r.Id).ToList();
        var permissions = await db.RoleClaims
            .Where(c => roleIds.Contains(c.RoleId) && c.ClaimType == Permissions.ClaimType && c.ClaimValue != null)
            .Select(c => c.ClaimValue!)
            .Distinct()
            .ToListAsync();

        foreach (var permission in permissions.Where(Permissions.IsKnown).Order(StringComparer.Ordinal))
        {
            identity.AddClaim(new Claim(Permissions.ClaimType, permission));
        }

        return identity;
    }
}
