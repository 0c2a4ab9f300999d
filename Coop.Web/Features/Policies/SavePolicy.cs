using Coop.Domain.Authorization;
using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Policies;

/// <summary>Creates a policy (at the top level or under a parent).</summary>
[RequiresPermission(Permissions.ManagePolicies)]
public sealed record CreatePolicyCommand(PolicyDetails Details);

/// <summary>
/// Changes a policy; moving it under one of its own sub-policies is refused. With
/// <paramref name="ExpectedVersion"/> (the version the editor opened), an edit made meanwhile by someone else is refused.
/// </summary>
[RequiresPermission(Permissions.ManagePolicies)]
public sealed record UpdatePolicyCommand(string Id, PolicyDetails Details, DateTime? ExpectedVersion = null);

/// <summary>Deletes a policy. One with sub-policies is refused unless they are moved up to its parent.</summary>
[RequiresPermission(Permissions.ManagePolicies)]
public sealed record DeletePolicyCommand(string Id, bool MoveChildrenToParent = false);

internal sealed class SavePolicyHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, TimeProvider time)
    : ICommandHandler<CreatePolicyCommand, PolicyView>, ICommandHandler<UpdatePolicyCommand, PolicyView>, ICommandHandler<DeletePolicyCommand, bool>
{
    public async Task<PolicyView> HandleAsync(CreatePolicyCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tree = await PolicyChanges.LoadTreeAsync(db, actor.OrganizationId, cancellationToken);
        var policy = PolicyChanges.Create(db, tree, null, command.Details, actor, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return PolicyView.From(policy, tree);
    }

    public async Task<PolicyView> HandleAsync(UpdatePolicyCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tree = await PolicyChanges.LoadTreeAsync(db, actor.OrganizationId, cancellationToken);
        var policy = tree.Find(command.Id) ?? throw new ValidationFailedException(string.Empty, "The policy no longer exists.");
        if (command.ExpectedVersion is { } expected && expected != policy.Version)
        {
            throw new ValidationFailedException(string.Empty, "Someone else changed this policy since you opened it. Cancel and open it again.");
        }

        PolicyChanges.Update(db, tree, policy, command.Details, actor, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return PolicyView.From(policy, tree);
    }

    public async Task<bool> HandleAsync(DeletePolicyCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await ConfigActor.FromAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var tree = await PolicyChanges.LoadTreeAsync(db, actor.OrganizationId, cancellationToken);
        if (tree.Find(command.Id) is not { } policy)
        {
            return false;
        }

        PolicyChanges.Delete(db, tree, policy, command.MoveChildrenToParent, actor, time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
