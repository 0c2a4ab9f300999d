using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration;

/// <summary>The signed-in admin's organization: its details, its roles and what each role may do.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record GetOrganizationOverviewQuery;

public sealed record OrganizationOverview(
    string Id, string Name, string Email, DateTime CreatedAt, int UserCount, IReadOnlyList<RoleOverview> Roles);

public sealed record RoleOverview(string Key, string Name, string? Description, int UserCount, IReadOnlySet<string> Permissions, string? Id = null);

internal sealed class GetOrganizationOverviewHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser)
    : IQueryHandler<GetOrganizationOverviewQuery, OrganizationOverview>
{
    public async Task<OrganizationOverview> HandleAsync(GetOrganizationOverviewQuery query, CancellationToken cancellationToken = default)
    {
        var organizationId = (await currentUser.RequireActorAsync()).OrganizationId;

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var organization = await db.Organizations.AsNoTracking().SingleAsync(o => o.Id == organizationId, cancellationToken);
        var roles = await db.Roles.AsNoTracking().Where(r => r.OrganizationId == organizationId)
            .Select(r => new
            {
                r.Id, r.Key, r.Name, r.Description,
                Users = db.UserRoles.Count(ur => ur.RoleId == r.Id),
                Permissions = db.RoleClaims.Where(c => c.RoleId == r.Id && c.ClaimType == Permissions.ClaimType).Select(c => c.ClaimValue!).ToList(),
            })
            .ToListAsync(cancellationToken);
        var userCount = await db.Users.CountAsync(u => u.OrganizationId == organizationId, cancellationToken);

        var order = DefaultRoles.All.Select(r => r.Key).ToList();
        return new OrganizationOverview(
            organization.Id, organization.Name, organization.Email, organization.CreatedAt, userCount,
            [.. roles.OrderBy(r => order.IndexOf(r.Key))
                .Select(r => new RoleOverview(r.Key, r.Name ?? r.Key, r.Description, r.Users, r.Permissions.ToHashSet(StringComparer.Ordinal)))]);
    }
}
