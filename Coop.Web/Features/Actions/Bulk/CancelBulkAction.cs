using Coop.Domain.Actions;
using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Actions.Bulk;

/// <summary>Stops a bulk run before its next chunk: items already actioned stay actioned, the rest are not run.</summary>
[RequiresPermission(Permissions.ManuallyActionContent)]
public sealed record CancelBulkActionCommand(string RunId);

internal sealed class CancelBulkActionHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ILiveEvents live, TimeProvider time)
    : ICommandHandler<CancelBulkActionCommand, bool>
{
    public async Task<bool> HandleAsync(CancelBulkActionCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // A conditional update: it waits for a chunk in progress to commit, and a chunk that starts after it sees the run cancelled.
        var cancelled = await db.BulkActionRuns
            .Where(r => r.Id == command.RunId && r.OrganizationId == actor.OrganizationId
                && (r.Status == BulkActionRunStatus.Pending || r.Status == BulkActionRunStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, BulkActionRunStatus.Cancelled).SetProperty(r => r.FinishedAt, now), cancellationToken);
        if (cancelled == 0)
        {
            var exists = await db.BulkActionRuns.AnyAsync(r => r.Id == command.RunId && r.OrganizationId == actor.OrganizationId, cancellationToken);
            throw new ValidationFailedException(string.Empty, exists ? "The run has already finished." : "There is no such bulk run.");
        }

        var progress = await db.BulkActionRuns.AsNoTracking().Where(r => r.Id == command.RunId)
            .Select(r => new { r.DoneItems, r.TotalItems }).SingleAsync(cancellationToken);
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "bulk-action.cancelled", "bulk-action-run", command.RunId,
            $"Cancelled after {progress.DoneItems} of {progress.TotalItems} item(s)", now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await live.PublishAsync(new LiveEvent(actor.OrganizationId, LiveTopics.BulkActions(actor.OrganizationId), LiveEventKinds.BulkActionChanged,
            command.RunId, actor.UserId), cancellationToken);
        return true;
    }
}
