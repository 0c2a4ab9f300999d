using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Policies;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Actions;

/// <summary>Creates a custom (webhook) action.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record CreateActionCommand(ActionDefinitionDetails Details);

/// <summary>
/// Changes an action. A header sent with a null value keeps its saved value. With
/// <paramref name="ExpectedVersion"/> (the version the editor opened), an edit made meanwhile by someone else is refused.
/// </summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record UpdateActionCommand(string Id, ActionDefinitionDetails Details, DateTime? ExpectedVersion = null);

/// <summary>Deletes a custom action; built-in actions cannot be deleted.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record DeleteActionCommand(string Id);

internal sealed class SaveActionHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, TimeProvider time)
    : ICommandHandler<CreateActionCommand, ActionView>, ICommandHandler<UpdateActionCommand, ActionView>, ICommandHandler<DeleteActionCommand, bool>
{
    public async Task<ActionView> HandleAsync(CreateActionCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Actions.Where(a => a.OrganizationId == actor.OrganizationId).ToListAsync(cancellationToken);
        var action = ActionChanges.Create(db, existing, null, command.Details, actor, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return ActionView.From(action);
    }

    public async Task<ActionView> HandleAsync(UpdateActionCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var existing = await db.Actions.Where(a => a.OrganizationId == actor.OrganizationId).ToListAsync(cancellationToken);
        var action = existing.SingleOrDefault(a => a.Id == command.Id)
            ?? throw new ValidationFailedException(string.Empty, "The action no longer exists.");
        if (command.ExpectedVersion is { } expected && expected != action.Version)
        {
            throw new ValidationFailedException(string.Empty, "Someone else changed this action since you opened it. Cancel and open it again.");
        }

        ActionChanges.Update(db, existing, action, command.Details, actor, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return ActionView.From(action);
    }

    public async Task<bool> HandleAsync(DeleteActionCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var action = await db.Actions.SingleOrDefaultAsync(a => a.Id == command.Id && a.OrganizationId == actor.OrganizationId, cancellationToken);
        if (action is null)
        {
            return false;
        }

        ActionChanges.Delete(db, action, actor, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
