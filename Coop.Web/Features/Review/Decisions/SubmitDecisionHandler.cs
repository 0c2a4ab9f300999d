using System.Text.Json;
using Coop.Domain.Actions;
using Coop.Domain.Audit;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Domain.Reports;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Web.Application;
using Coop.Web.Features.Actions.Execution;
using Coop.Web.Features.Ingestion;
using Coop.Web.Features.Strikes;
using Coop.Web.Features.Users;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Coop.Web.Features.Dashboards.Rollups;

namespace Coop.Web.Features.Review.Decisions;

/// <summary>
/// Records a decision in one transaction: the job closes (only if the reviewer still holds it — checked in the
/// same statement), the decision row, the actions' execution records, audit rows and outbox callbacks, and for
/// moves the job in the target queue. Then live screens are told.
/// </summary>
internal sealed class SubmitDecisionHandler(
    IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ActionPublisher publisher, ItemTypeCatalog catalog,
    IWebhookOutbox outbox, ILiveEvents live, TimeProvider time, ChildSafety.Jobs.NcmecEnqueuer ncmec)
    : ICommandHandler<SubmitDecisionCommand, DecisionOutcome>
{
    private const string NotHeld = "You no longer hold this job: your claim expired or it went to someone else. Open the queue to go on.";

    public async Task<DecisionOutcome> HandleAsync(SubmitDecisionCommand command, CancellationToken cancellationToken = default)
    {
        using var activity = Coop.Infrastructure.Telemetry.CoopMetrics.ActivitySource.StartActivity("coop.review.decision");
        var actor = await currentUser.RequireActorAsync();
        if (command.Kind == DecisionKind.EnqueueToNcmec)
        {
            // Hiding the button is not enough: refused before anything is read or written.
            await ChildSafety.Jobs.NcmecEnqueuePermission.RequireAsync(currentUser);
        }

        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // With the job, what its roll-up needs (the reviewer's last claim, the organization's daily zone): the transaction then
        // runs no read for it.
        var read = await db.ReviewJobs.AsNoTracking()
            .Where(j => j.Id == command.JobId && j.OrganizationId == actor.OrganizationId)
            .Select(j => new
            {
                Job = j,
                ClaimedAt = db.JobEvents.Where(e => e.JobId == j.Id && e.Kind == JobEventKind.Claimed && e.UserId == actor.UserId)
                    .OrderByDescending(e => e.Id).Select(e => (DateTime?)e.At).FirstOrDefault(),
                Zone = db.DashboardDailyStates.Where(s => s.OrganizationId == j.OrganizationId).Select(s => s.TimeZone).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new ValidationFailedException(string.Empty, "There is no such job.");
        var job = read.Job;
        if (job.Status == JobStatus.Closed)
        {
            throw new ValidationFailedException(string.Empty, "This job has already been decided.");
        }

        if (job.ClaimedByUserId != actor.UserId || job.ClaimExpiresAt <= now)
        {
            throw new ValidationFailedException(string.Empty, NotHeld);
        }

        var settings = await db.ReviewSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? ReviewSettings.DefaultsFor(actor.OrganizationId);
        var plan = await DecisionPlan.ValidateAsync(db, catalog, publisher, settings, job, command, cancellationToken);
        await ChildSafety.Jobs.NcmecEnqueuePermission.RequireForAsync(currentUser, plan.Invocations.Select(i => i.Action));
        var user = await ItemUser.ResolveAsync(db, await catalog.GetLatestAsync(actor.OrganizationId, cancellationToken), actor.OrganizationId,
            new ItemIdentifier(job.ItemId, job.ItemTypeId), plan.Target?.Creator, cancellationToken);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var closed = await db.ReviewJobs
            .Where(j => j.Id == job.Id && j.Status == JobStatus.Open && j.ClaimedByUserId == actor.UserId && j.ClaimExpiresAt > now)
            .ExecuteUpdateAsync(s => s
                .SetProperty(j => j.Status, JobStatus.Closed)
                .SetProperty(j => j.OpenItemKey, (string?)null)
                .SetProperty(j => j.ClaimedByUserId, (string?)null)
                .SetProperty(j => j.ClaimExpiresAt, (DateTime?)null)
                .SetProperty(j => j.ClosedAt, now)
                .SetProperty(j => j.ClosedByUserId, actor.UserId), cancellationToken);
        if (closed == 0)
        {
            throw new ValidationFailedException(string.Empty, NotHeld);
        }

        IReadOnlyList<ActionExecution> executions = [];
        ReviewJob? target = null;
        switch (command.Kind)
        {
            case DecisionKind.Action:
                var publication = new ActionPublication(actor.OrganizationId, plan.Target!, plan.Invocations, ActionExecutionSource.ReviewDecision, $"mrt-decision:{job.Id}")
                {
                    Policies = plan.Policies,
                    ActorUserId = actor.UserId,
                    ActorEmail = actor.Name,
                    DecisionReason = plan.Reason,
                    JobId = job.Id,
                    CustomExtras = plan.Reason is null ? null : new() { ["reason"] = plan.Reason },
                };
                executions = await publisher.PublishAsync(db, publication, now, cancellationToken);
                break;
            case DecisionKind.Move:
                target = await MoveAsync(db, job, plan.TargetQueue!, now, cancellationToken);
                break;
            case DecisionKind.EnqueueToNcmec:
                // User-centred: the item's author goes into (or joins) their one open NCMEC job.
                var enqueued = await ncmec.EnqueueAsync(db, actor.OrganizationId, new ItemIdentifier(job.ItemId, job.ItemTypeId), user,
                    JobSource.Moved, $"Sent to NCMEC review by {actor.Name}", now, cancellationToken);
                target = enqueued.Job;
                break;
            case DecisionKind.Ignore:
                await DecisionCallbacks.EnqueueIgnoreAsync(db, outbox, settings, job, now, cancellationToken);
                break;
            case DecisionKind.AcceptAppeal or DecisionKind.RejectAppeal:
                var appeal = await db.Set<Appeal>().AsNoTracking().SingleAsync(a => a.Id == job.AppealId, cancellationToken);
                DecisionCallbacks.EnqueueAppealDecision(db, outbox, settings, appeal, command.Kind == DecisionKind.AcceptAppeal, now);
                if (command.Kind == DecisionKind.AcceptAppeal)
                {
                    await StrikeLedger.ReverseAsync(db, appeal.OrganizationId, appeal.ItemTypeId, appeal.ItemId,
                        JsonSerializer.Deserialize<string[]>(appeal.ActionsTaken) ?? [], now, cancellationToken);
                    if (await AppealReversal.PublicationAsync(db, catalog, settings, appeal, job, actor, plan.Reason, cancellationToken) is { } undo)
                    {
                        executions = await publisher.PublishAsync(db, undo, now, cancellationToken);
                    }
                }

                break;
            default:
                throw new ValidationFailedException(string.Empty, "Choose a decision.");
        }

        db.ReviewDecisions.Add(ReviewDecision.Record(job, command.Kind, actor.UserId, actor.Name,
            JsonSerializer.Serialize(plan.Invocations.Select(i => i.Action.Id)), JsonSerializer.Serialize(plan.Policies.Select(p => p.Id)),
            plan.Reason, now, plan.TargetQueue?.Id, target?.Id, user?.TypeId, user?.Id));
        db.JobEvents.Add(JobEvent.Record(actor.OrganizationId, job.Id, JobEventKind.Decided, actor.UserId, now, detail: DecisionText(command.Kind, plan)));
        if (target is not null)
        {
            db.JobEvents.Add(JobEvent.Record(actor.OrganizationId, target.Id, JobEventKind.Moved, actor.UserId, now, detail: $"from job {job.Id}"));
        }

        await RollupWriter.OnDecidedAsync(db, job, command.Kind, actor.UserId, now, executions, read.ClaimedAt,
            new DailyZone(job.OrganizationId, read.Zone), cancellationToken);
        if (target is not null && db.Entry(target).State == EntityState.Added)
        {
            await RollupWriter.OnJobOpenedAsync(db, target, cancellationToken);
        }

        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "job.decided", "job", job.Id,
            $"{command.Kind} on {job.ItemTypeId}/{job.ItemId}", now));
        await db.SaveBeforeCommitAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Coop.Infrastructure.Telemetry.CoopMetrics.RecordDecision(actor.OrganizationId, command.Kind.ToString());
        outbox.Wake();

        await AnnounceAsync(job, target, user, actor.UserId, cancellationToken);
        await publisher.AnnounceAsync(executions, cancellationToken);
        return new DecisionOutcome(job.Id, command.Kind, [.. executions.Select(e => e.Id)], target?.Id);
    }

    private static string DecisionText(DecisionKind kind, DecisionPlan plan) => kind switch
    {
        DecisionKind.Action => $"Actions: {string.Join(", ", plan.Invocations.Select(i => i.Action.Name))}"
            + (plan.Policies.Count > 0 ? $" under {string.Join(", ", plan.Policies.Select(p => p.Name))}" : string.Empty),
        DecisionKind.Move => $"Moved to {plan.TargetQueue?.Name}",
        DecisionKind.EnqueueToNcmec => "Sent to NCMEC review",
        DecisionKind.AcceptAppeal => "Appeal accepted",
        DecisionKind.RejectAppeal => "Appeal rejected",
        _ => "Ignored",
    };

    /// <summary>Puts the item in the target queue: it joins the open job there, or a new job carries the old one's reports and policies.</summary>
    private static async Task<ReviewJob> MoveAsync(CoopDbContext db, ReviewJob job, ReviewQueue queue, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var key = ReviewJob.ItemKey(job.ItemTypeId, job.ItemId);
        var existing = await db.ReviewJobs.SingleOrDefaultAsync(j => j.QueueId == queue.Id && j.OpenItemKey == key, cancellationToken);
        if (existing is not null)
        {
            existing.AttachReport();
            return existing;
        }

        var moved = ReviewJob.Open(job.OrganizationId, queue.Id, job.ItemTypeId, job.ItemId, JobSource.Moved, nowUtc, job.PolicyIds, job.AppealId);
        moved.SetPriority(job.PriorityScore);
        db.ReviewJobs.Add(moved);
        return moved;
    }

    private async Task AnnounceAsync(ReviewJob job, ReviewJob? target, ItemIdentifier? concerned, string userId, CancellationToken cancellationToken)
    {
        var org = job.OrganizationId;
        await live.PublishAsync(new LiveEvent(org, LiveTopics.Job(job.Id), LiveEventKinds.JobClosed, job.Id, userId), cancellationToken);
        await live.PublishAsync(new LiveEvent(org, LiveTopics.Queue(job.QueueId), LiveEventKinds.JobClosed, job.Id, userId), cancellationToken);
        await live.PublishAsync(new LiveEvent(org, LiveTopics.Queues(org), LiveEventKinds.JobClosed, job.Id, userId), cancellationToken);
        await live.PublishAsync(new LiveEvent(org, LiveTopics.Decisions(org), LiveEventKinds.JobClosed, job.Id, userId), cancellationToken);
        await live.PublishAsync(new LiveEvent(org, LiveTopics.Item(org, job.ItemTypeId, job.ItemId), LiveEventKinds.JobClosed, job.Id, userId), cancellationToken);
        if (concerned is not null && (concerned.TypeId != job.ItemTypeId || concerned.Id != job.ItemId))
        {
            // The author's history (and every open job about them) shows decisions on their items too.
            await live.PublishAsync(new LiveEvent(org, LiveTopics.Item(org, concerned.TypeId, concerned.Id), LiveEventKinds.JobClosed, job.Id, userId), cancellationToken);
        }

        if (target is not null)
        {
            await live.PublishAsync(new LiveEvent(org, LiveTopics.Queue(target.QueueId), LiveEventKinds.JobEnqueued, target.Id, userId), cancellationToken);
            await live.PublishAsync(new LiveEvent(org, LiveTopics.Queues(org), LiveEventKinds.JobEnqueued, target.Id, userId), cancellationToken);
        }
    }
}
