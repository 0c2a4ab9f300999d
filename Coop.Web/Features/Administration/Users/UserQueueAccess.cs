using System.Text.Json;
using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Review;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration.Users;

/// <summary>Which review queues a user may work, and why.</summary>
[RequiresPermission(Permissions.ManageUsers)]
public sealed record GetUserQueueAccessQuery(string UserId);

/// <summary>
/// Names (<see cref="Assigned"/>) or un-names a user as a reviewer of a restricted queue. Queues open to every reviewer
/// are restricted in the queue editor, not here.
/// </summary>
[RequiresPermission(Permissions.ManageUsers)]
public sealed record SetUserQueueAccessCommand(string UserId, string QueueId, bool Assigned);

/// <param name="QueueId">The queue.</param>
/// <param name="QueueName">Its name.</param>
/// <param name="Restricted">The queue names its reviewers (otherwise every reviewer may work it).</param>
/// <param name="Assigned">The user is named on the queue.</param>
/// <param name="ViaRole">The user's role is named on the queue.</param>
/// <param name="CanWork">The outcome: the user may claim and decide the queue's jobs.</param>
public sealed record QueueAccessRow(string QueueId, string QueueName, bool Restricted, bool Assigned, bool ViaRole, bool CanWork);

internal sealed class UserQueueAccessHandler(
    IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, IQueueAccess access, ILiveEvents live, TimeProvider time)
    : IQueryHandler<GetUserQueueAccessQuery, IReadOnlyList<QueueAccessRow>>, ICommandHandler<SetUserQueueAccessCommand, QueueAccessRow>
{
    public async Task<IReadOnlyList<QueueAccessRow>> HandleAsync(GetUserQueueAccessQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var user = await UserAdministrationHandler.FindAsync(db, actor.OrganizationId, query.UserId, cancellationToken);
        var roleIds = await db.UserRoles.Where(ur => ur.UserId == user.Id).Select(ur => ur.RoleId).ToListAsync(cancellationToken);
        var queues = await db.ReviewQueues.AsNoTracking().Where(q => q.OrganizationId == actor.OrganizationId).ToListAsync(cancellationToken);
        var rows = new List<QueueAccessRow>();
        foreach (var queue in queues.OrderBy(q => q.Kind).ThenBy(q => q.Name, StringComparer.OrdinalIgnoreCase))
        {
            rows.Add(new QueueAccessRow(queue.Id, queue.Name, queue.IsRestricted, queue.ReviewerUsers.Contains(user.Id),
                queue.ReviewerRoles.Any(roleIds.Contains), await access.CanWorkAsync(actor.OrganizationId, user.Id, queue.Id, cancellationToken)));
        }

        return rows;
    }

    public async Task<QueueAccessRow> HandleAsync(SetUserQueueAccessCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var user = await UserAdministrationHandler.FindAsync(db, actor.OrganizationId, command.UserId, cancellationToken);
        var queue = await db.ReviewQueues.SingleOrDefaultAsync(q => q.Id == command.QueueId && q.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw new ValidationFailedException(string.Empty, "There is no such queue.");
        if (!queue.IsRestricted)
        {
            throw new ValidationFailedException(string.Empty,
                $"'{queue.Name}' is open to every reviewer. Restrict it to named reviewers in the queue editor first.");
        }

        var before = queue.ReviewerUsers;
        var after = command.Assigned ? before.Append(user.Id).ToList() : before.Where(id => id != user.Id).ToList();
        if (after.Count == 0 && queue.ReviewerRoles.Count == 0)
        {
            throw new ValidationFailedException(string.Empty,
                $"{user.Email} is the last reviewer named on '{queue.Name}'; removing them would open it to every reviewer. Change it in the queue editor.");
        }

        if (before.Contains(user.Id) != command.Assigned)
        {
            queue.SetAccess(after, queue.ReviewerRoles, queue.HiddenActions);
            db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name,
                command.Assigned ? "queue.reviewer-added" : "queue.reviewer-removed", "queue", queue.Id,
                JsonSerializer.Serialize(new { user = user.Email, before = new { reviewers = before }, after = new { reviewers = after } }), time.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(cancellationToken);
            await live.PublishAsync(new LiveEvent(actor.OrganizationId, LiveTopics.Queues(actor.OrganizationId), LiveEventKinds.QueueChanged, queue.Id, actor.UserId), cancellationToken);
        }

        var roleIds = await db.UserRoles.Where(ur => ur.UserId == user.Id).Select(ur => ur.RoleId).ToListAsync(cancellationToken);
        return new QueueAccessRow(queue.Id, queue.Name, queue.IsRestricted, queue.ReviewerUsers.Contains(user.Id), queue.ReviewerRoles.Any(roleIds.Contains),
            await access.CanWorkAsync(actor.OrganizationId, user.Id, queue.Id, cancellationToken));
    }
}
