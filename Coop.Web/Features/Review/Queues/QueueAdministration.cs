using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Policies;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review.Queues;

/// <summary>
/// Creates (<see cref="Id"/> null) or changes a queue. Appeals and standard queues can be created; the NCMEC queue is
/// the organization's own. Making a queue the default of its kind takes the flag from the previous default.
/// Field keys of errors: <c>Name</c>, <c>Description</c>, <c>Kind</c>, <c>ReviewerUserIds</c>, <c>ReviewerRoleIds</c>, <c>HiddenActionIds</c>.
/// </summary>
[RequiresPermission(Permissions.EditMrtQueues)]
public sealed record SaveQueueCommand(
    string? Id, string Name, string? Description, QueueKind Kind, QueueOrdering Ordering, bool IsDefault,
    IReadOnlyList<string> ReviewerUserIds, IReadOnlyList<string> ReviewerRoleIds, IReadOnlyList<string> HiddenActionIds);

/// <summary>Deletes a queue that has no open jobs and is not a default queue.</summary>
[RequiresPermission(Permissions.EditMrtQueues)]
public sealed record DeleteQueueCommand(string Id);

/// <summary>A queue and the choices its editor offers (members, roles, actions).</summary>
[RequiresPermission(Permissions.EditMrtQueues)]
public sealed record GetQueueEditorQuery(string? Id);

public sealed record QueueEditor(QueueForm? Queue, IReadOnlyList<Choice> Users, IReadOnlyList<Choice> Roles, IReadOnlyList<Choice> Actions);

public sealed record QueueForm(
    string Id, string Name, string? Description, QueueKind Kind, QueueOrdering Ordering, bool IsDefault,
    IReadOnlyList<string> ReviewerUserIds, IReadOnlyList<string> ReviewerRoleIds, IReadOnlyList<string> HiddenActionIds);

/// <summary>An option of a picker.</summary>
public sealed record Choice(string Id, string Name);

internal sealed class QueueAdministrationHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ILiveEvents live, TimeProvider time)
    : ICommandHandler<SaveQueueCommand, QueueForm>, ICommandHandler<DeleteQueueCommand, bool>, IQueryHandler<GetQueueEditorQuery, QueueEditor>
{
    public async Task<QueueEditor> HandleAsync(GetQueueEditorQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var queue = query.Id is null ? null
            : await db.ReviewQueues.AsNoTracking().SingleOrDefaultAsync(q => q.Id == query.Id && q.OrganizationId == actor.OrganizationId, cancellationToken);
        var users = await db.Users.AsNoTracking().Where(u => u.OrganizationId == actor.OrganizationId).OrderBy(u => u.Email)
            .Select(u => new Choice(u.Id, u.Email ?? u.Id)).ToListAsync(cancellationToken);
        var roles = await db.Roles.AsNoTracking().Where(r => r.OrganizationId == actor.OrganizationId).OrderBy(r => r.Name)
            .Select(r => new Choice(r.Id, r.Name ?? r.Key)).ToListAsync(cancellationToken);
        var actions = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == actor.OrganizationId && a.CallbackUrl != null).OrderBy(a => a.Name)
            .Select(a => new Choice(a.Id, a.Name)).ToListAsync(cancellationToken);
        return new QueueEditor(queue is null ? null : Form(queue), users, roles, actions);
    }

    public async Task<QueueForm> HandleAsync(SaveQueueCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var queues = await db.ReviewQueues.Where(q => q.OrganizationId == actor.OrganizationId).ToListAsync(cancellationToken);
        var queue = command.Id is null ? null : queues.SingleOrDefault(q => q.Id == command.Id)
            ?? throw new ValidationFailedException(string.Empty, "There is no such queue.");
        var details = new QueueDetails(command.Name ?? string.Empty, command.Description, queue?.Kind ?? command.Kind, command.Ordering, command.IsDefault,
            command.ReviewerUserIds, command.ReviewerRoleIds, command.HiddenActionIds);
        var errors = QueueChanges.Validate(queues, queue, details);
        await CheckIdsAsync(db.Users.Where(u => u.OrganizationId == actor.OrganizationId).Select(u => u.Id), command.ReviewerUserIds, "ReviewerUserIds", "user", errors, cancellationToken);
        await CheckIdsAsync(db.Roles.Where(r => r.OrganizationId == actor.OrganizationId).Select(r => r.Id), command.ReviewerRoleIds, "ReviewerRoleIds", "role", errors, cancellationToken);
        await CheckIdsAsync(db.Actions.Where(a => a.OrganizationId == actor.OrganizationId).Select(a => a.Id), command.HiddenActionIds, "HiddenActionIds", "action", errors, cancellationToken);
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var configActor = new ConfigActor(actor.OrganizationId, actor.UserId, actor.Name);
        if (queue is null)
        {
            queue = QueueChanges.Create(db, queues, null, details, configActor, now);
        }
        else
        {
            QueueChanges.Update(db, queues, queue, details, configActor, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await live.PublishAsync(new LiveEvent(actor.OrganizationId, LiveTopics.Queues(actor.OrganizationId), LiveEventKinds.QueueChanged, queue.Id, actor.UserId), cancellationToken);
        return Form(queue);
    }

    public async Task<bool> HandleAsync(DeleteQueueCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var queue = await db.ReviewQueues.SingleOrDefaultAsync(q => q.Id == command.Id && q.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw new ValidationFailedException(string.Empty, "There is no such queue.");
        if (queue.IsDefault)
        {
            throw new ValidationFailedException(string.Empty, "A default queue cannot be deleted; make another queue the default of its kind first.");
        }

        var routedHere = await db.RoutingRules.Where(r => r.TargetQueueId == queue.Id).Select(r => r.Name).ToListAsync(cancellationToken);
        if (routedHere.Count > 0)
        {
            throw new ValidationFailedException(string.Empty, $"Routing rules send items to this queue ({string.Join(", ", routedHere)}); change or delete them first.");
        }

        var open = await db.ReviewJobs.CountAsync(j => j.QueueId == queue.Id && j.Status == JobStatus.Open, cancellationToken);
        if (open > 0)
        {
            throw new ValidationFailedException(string.Empty, $"The queue still has {open} open job{(open == 1 ? string.Empty : "s")}; decide or move them first.");
        }

        db.ReviewQueues.Remove(queue);
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "queue.deleted", "queue", queue.Id, queue.Name, time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        await live.PublishAsync(new LiveEvent(actor.OrganizationId, LiveTopics.Queues(actor.OrganizationId), LiveEventKinds.QueueChanged, queue.Id, actor.UserId), cancellationToken);
        return true;
    }

    private static async Task CheckIdsAsync(
        IQueryable<string> known, IReadOnlyList<string> ids, string field, string what, Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var list = ids.Distinct().ToList();
        var found = await known.Where(id => list.Contains(id)).ToListAsync(cancellationToken);
        var missing = list.Except(found).ToList();
        if (missing.Count > 0)
        {
            errors[field] = [$"Unknown {what}: {string.Join(", ", missing)}."];
        }
    }

    private static QueueForm Form(ReviewQueue q) =>
        new(q.Id, q.Name, q.Description, q.Kind, q.Ordering, q.IsDefault, q.ReviewerUsers, q.ReviewerRoles, q.HiddenActions);
}
