using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Policies;

/// <summary>
/// Every policy of an organization, flat, for <c>GET /api/v1/policies/</c>. The API authenticates the
/// platform by its key and passes the key's organization id; never call this with a user-chosen id.
/// </summary>
[AllowAnonymousUse]
public sealed record ListPoliciesForApiQuery(string OrganizationId);

/// <summary>One entry of the API's policy list: <c>{ "id", "name", "parentId" }</c>.</summary>
public sealed record ApiPolicy(string Id, string Name, string? ParentId);

internal sealed class ListPoliciesForApiHandler(IDbContextFactory<CoopDbContext> factory)
    : IQueryHandler<ListPoliciesForApiQuery, IReadOnlyList<ApiPolicy>>
{
    public async Task<IReadOnlyList<ApiPolicy>> HandleAsync(ListPoliciesForApiQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var policies = await db.Policies.AsNoTracking()
            .Where(p => p.OrganizationId == query.OrganizationId)
            .Select(p => new ApiPolicy(p.Id, p.Name, p.ParentId))
            .ToListAsync(cancellationToken);
        return [.. policies.OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];
    }
}
