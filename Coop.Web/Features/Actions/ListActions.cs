using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Actions;

/// <summary>The organization's actions: built-in ones first, then by name.</summary>
[RequiresSignedInUser]
public sealed record ListActionsQuery;

/// <summary>One action of the signed-in user's organization, or null.</summary>
[RequiresSignedInUser]
public sealed record GetActionQuery(string Id);

/// <summary>The item types an action may apply to.</summary>
[RequiresSignedInUser]
public sealed record ListActionItemTypesQuery;

internal sealed class ListActionsHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, IItemTypeLookup itemTypes)
    : IQueryHandler<ListActionsQuery, IReadOnlyList<ActionView>>, IQueryHandler<GetActionQuery, ActionView?>,
      IQueryHandler<ListActionItemTypesQuery, IReadOnlyList<ItemTypeOption>>
{
    public async Task<IReadOnlyList<ActionView>> HandleAsync(ListActionsQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var actions = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == actor.OrganizationId).ToListAsync(cancellationToken);
        return [.. actions.OrderBy(a => a.IsBuiltIn ? 0 : 1).ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase).Select(ActionView.From)];
    }

    public async Task<ActionView?> HandleAsync(GetActionQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var action = await db.Actions.AsNoTracking()
            .SingleOrDefaultAsync(a => a.Id == query.Id && a.OrganizationId == actor.OrganizationId, cancellationToken);
        return action is null ? null : ActionView.From(action);
    }

    public async Task<IReadOnlyList<ItemTypeOption>> HandleAsync(ListActionItemTypesQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        return await itemTypes.ListAsync(actor.OrganizationId, cancellationToken);
    }
}
