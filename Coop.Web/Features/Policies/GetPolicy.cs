using Coop.Infrastructure.Persistence;
using Coop.Web.Application;

namespace Coop.Web.Features.Policies;

/// <summary>One policy of the signed-in user's organization, or null.</summary>
[RequiresSignedInUser]
public sealed record GetPolicyQuery(string Id);

internal sealed class GetPolicyHandler(Microsoft.EntityFrameworkCore.IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser)
    : IQueryHandler<GetPolicyQuery, PolicyView?>
{
    public async Task<PolicyView?> HandleAsync(GetPolicyQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tree = await PolicyChanges.LoadTreeAsync(db, actor.OrganizationId, cancellationToken);
        return tree.Find(query.Id) is { } policy ? PolicyView.From(policy, tree) : null;
    }
}
