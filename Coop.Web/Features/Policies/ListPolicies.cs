using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Policies;

/// <summary>The organization's policy tree, top-level policies first, each level by name.</summary>
[RequiresSignedInUser]
public sealed record ListPoliciesQuery;

internal sealed class ListPoliciesHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser)
    : IQueryHandler<ListPoliciesQuery, IReadOnlyList<PolicyNode>>
{
    public async Task<IReadOnlyList<PolicyNode>> HandleAsync(ListPoliciesQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tree = new PolicyTree(await db.Policies.AsNoTracking().Where(p => p.OrganizationId == actor.OrganizationId).ToListAsync(cancellationToken));
        return Nodes(tree, null, 0);
    }

    private static List<PolicyNode> Nodes(PolicyTree tree, string? parentId, int depth) =>
        [.. tree.ChildrenOf(parentId).Select(p => new PolicyNode(PolicyView.From(p, tree), Nodes(tree, p.Id, depth + 1), depth))];
}
