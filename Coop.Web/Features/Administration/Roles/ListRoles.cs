using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration.Roles;

/// <summary>The organization's roles (the seven system roles first, then custom roles by name) with their permissions.</summary>
[RequiresPermission(Permissions.ManageRoles)]
public sealed record ListRolesQuery;

/// <summary>A role as the roles screens show it.</summary>
public sealed record RoleSummary(
    string Id, string Key, string Name, string? Description, bool IsSystem, int UserCount, IReadOnlySet<string> Permissions);

internal sealed class ListRolesHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser)
    : IQueryHandler<ListRolesQuery, IReadOnlyList<RoleSummary>>
{
    public async Task<IReadOnlyList<RoleSummary>> HandleAsync(ListRolesQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await LoadAsync(db, actor.OrganizationId, cancellationToken);
    }

    internal static async Task<IReadOnlyList<RoleSummary>> LoadAsync(CoopDbContext db, string organizationId, CancellationToken cancellationToken)
    {
        var roles = await db.Roles.AsNoTracking().Where(r => r.OrganizationId == organizationId)
            .Select(r => new
            {
                r.Id, r.Key, r.Name, r.Description, r.IsSystem,
                Users = db.UserRoles.Count(ur => ur.RoleId == r.Id),
                Permissions = db.RoleClaims.Where(c => c.RoleId == r.Id && c.ClaimType == Permissions.ClaimType).Select(c => c.ClaimValue!).ToList(),
            })
            .ToListAsync(cancellationToken);
        var order = DefaultRoles.All.Select(r => r.Key).ToList();
        return [.. roles
            .OrderBy(r => r.IsSystem && order.Contains(r.Key) ? order.IndexOf(r.Key) : order.Count)
            .ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)
            .Select(r => new RoleSummary(r.Id, r.Key, r.Name ?? r.Key, r.Description, r.IsSystem, r.Users,
                r.Permissions.Where(Permissions.IsKnown).ToHashSet(StringComparer.Ordinal)))];
    }
}
