using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.Dashboards;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Dashboards;

/// <summary>Sets (or clears, with null) the age the oldest pending job of a queue should not pass; the overview colours breaches.</summary>
[RequiresPermission(Permissions.EditMrtQueues)]
public sealed record SetQueueSlaCommand(string QueueId, int? SlaMinutes);

internal sealed class SetQueueSlaHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ILiveEvents live, TimeProvider time)
    : ICommandHandler<SetQueueSlaCommand, int?>
{
    public async Task<int?> HandleAsync(SetQueueSlaCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        if (command.SlaMinutes is < 1 or > QueueDashboardSetting.MaxSlaMinutes)
        {
            throw new ValidationFailedException(nameof(command.SlaMinutes), $"An SLA is between 1 and {QueueDashboardSetting.MaxSlaMinutes} minutes.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var queue = await db.ReviewQueues.AsNoTracking().SingleOrDefaultAsync(q => q.Id == command.QueueId && q.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? throw new ValidationFailedException(nameof(command.QueueId), "There is no such queue.");
        var setting = await db.QueueDashboardSettings.SingleOrDefaultAsync(s => s.QueueId == queue.Id, cancellationToken);
        if (setting is null)
        {
            db.QueueDashboardSettings.Add(QueueDashboardSetting.Create(actor.OrganizationId, queue.Id, command.SlaMinutes, now));
        }
        else
        {
            setting.SetSla(command.SlaMinutes, now);
        }

        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "queue.sla-set", "queue", queue.Id,
            command.SlaMinutes is { } m ? $"SLA of {queue.Name}: {m} min" : $"SLA of {queue.Name} cleared", now));
        await db.SaveChangesAsync(cancellationToken);
        await live.PublishAsync(new LiveEvent(actor.OrganizationId, LiveTopics.Queues(actor.OrganizationId), LiveEventKinds.QueueChanged, queue.Id, actor.UserId), cancellationToken);
        return command.SlaMinutes;
    }
}
