using Coop.Domain.Moderation;
using Coop.Domain.Policies;
using Coop.Domain.Reports;
using Coop.Infrastructure.Persistence;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Coop.Web.Features.Dashboards.Rollups;

namespace Coop.Web.Features.Review.Routing;

/// <summary>
/// Turns stored reports and appeals into review jobs, oldest first: <c>csam</c> reports to the NCMEC job about the
/// item's author (see <see cref="Features.ChildSafety.Jobs.NcmecEnqueuer"/>), other
/// reports to the default queue, appeals to the appeals queue. A report about an item that already has an open job in
/// that queue joins it (one open job per item per queue). Each report is taken by a conditional update inside its
/// own transaction, so several nodes can route at once and nothing is routed twice; unrouted rows left by a crash
/// are routed after the restart.
/// </summary>
public sealed partial class ReviewRouter(
    IDbContextFactory<CoopDbContext> factory, RoutingSignal signal, RoutingContextFactory contexts, ILiveEvents live, TimeProvider time, ILogger<ReviewRouter> logger,
    Features.ChildSafety.Jobs.NcmecEnqueuer ncmec) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RouteBatchAsync(stoppingToken) > 0)
                {
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogFailed(ex);
            }

            await signal.WaitAsync(PollInterval, stoppingToken);
        }
    }

    /// <summary>Routes up to a batch of reports and appeals; returns how many it placed.</summary>
    public async Task<int> RouteBatchAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var reports = await db.Set<Report>().AsNoTracking().Where(r => r.RoutedAt == null).OrderBy(r => r.ReceivedAt).ThenBy(r => r.Id)
            .Select(r => r.Id).Take(100).ToListAsync(cancellationToken);
        var appeals = await db.Set<Appeal>().AsNoTracking().Where(a => a.RoutedAt == null).OrderBy(a => a.ReceivedAt).ThenBy(a => a.Id)
            .Select(a => a.Id).Take(100).ToListAsync(cancellationToken);
        var routed = 0;
        foreach (var id in reports)
        {
            routed += await WithRetryAsync(() => RouteReportAsync(id, cancellationToken)) ? 1 : 0;
        }

        foreach (var id in appeals)
        {
            routed += await WithRetryAsync(() => RouteAppealAsync(id, cancellationToken)) ? 1 : 0;
        }

        return routed;
    }

    private static async Task<bool> WithRetryAsync(Func<Task<bool>> route)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await route();
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another router opened the item's job in the same queue at the same moment: join it on the next try.
            }
        }
    }

    private async Task<bool> RouteReportAsync(string reportId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Set<Report>().Where(r => r.Id == reportId && r.RoutedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.RoutedAt, now), cancellationToken) == 0)
        {
            return false;
        }

        var report = await db.Set<Report>().Include(r => r.Context).ThenInclude(c => c.Submission).SingleAsync(r => r.Id == reportId, cancellationToken);
        if (report.IsCsam)
        {
            // Child safety is about the user: the report joins (or opens) the one open NCMEC job about the item's author.
            var enqueued = await ncmec.EnqueueAsync(db, report.OrganizationId, new Domain.ItemTypes.ItemIdentifier(report.ItemId, report.ItemTypeId),
                report.UserItemId is { } uid && report.UserItemTypeId is { } utid ? new Domain.ItemTypes.ItemIdentifier(uid, utid) : null,
                JobSource.Report, "Reported as child sexual abuse material", now, cancellationToken,
                [.. report.Context.Where(c => c.Role == ContextItemRole.Subject).Select(c => c.Submission)]);
            enqueued.Job.AttachReport();
            enqueued.Job.AddPolicy(report.PolicyId);
            enqueued.Job.SetPriority(JobPriority.Score(null, enqueued.Job.ReportCount, true));
            report.RouteTo(enqueued.Job.Id, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            foreach (var announcement in enqueued.Announcements)
            {
                await live.PublishAsync(announcement, cancellationToken);
            }

            return true;
        }

        var queues = await DefaultQueues.EnsureAsync(db, report.OrganizationId, now, cancellationToken);
        var subject = new RoutingSubject(report.ItemTypeId, report.Reason, report.PolicyId is { } p ? [p] : [], report.ReporterId, report.ReporterTypeId,
            SubjectData(report.Context));
        var queue = await MatchAsync(db, report.OrganizationId, QueueKind.Standard, subject, queues, Routing(db, report.Context, cancellationToken), cancellationToken)
            ?? DefaultQueues.DefaultOf(queues, QueueKind.Standard)!;
        var (job, opened) = await JoinOrOpenAsync(db, queue, report.ItemTypeId, report.ItemId, JobSource.Report, "[]", null, now, cancellationToken);
        job.AttachReport();
        job.AddPolicy(report.PolicyId);
        var policyIds = job.PolicyIdList;
        var penalty = await db.Policies.Where(p => p.OrganizationId == report.OrganizationId && policyIds.Contains(p.Id))
            .MaxAsync(p => (Penalty?)p.Penalty, cancellationToken);
        job.SetPriority(JobPriority.Score(penalty, job.ReportCount, report.IsCsam || queue.Kind == QueueKind.Ncmec));
        report.RouteTo(job.Id, now);
        db.JobEvents.Add(JobEvent.Record(report.OrganizationId, job.Id, opened ? JobEventKind.Created : JobEventKind.ReportAttached, null, now,
            detail: report.Reason is { Length: > 0 } reason ? $"Reported: {reason}" : "Reported"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await AnnounceAsync(report.OrganizationId, queue.Id, job, cancellationToken);
        return true;
    }

    private async Task<bool> RouteAppealAsync(string appealId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.Set<Appeal>().Where(a => a.Id == appealId && a.RoutedAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(a => a.RoutedAt, now), cancellationToken) == 0)
        {
            return false;
        }

        var appeal = await db.Set<Appeal>().Include(a => a.Context).ThenInclude(c => c.Submission).SingleAsync(a => a.Id == appealId, cancellationToken);
        var queues = await DefaultQueues.EnsureAsync(db, appeal.OrganizationId, now, cancellationToken);
        var subject = new RoutingSubject(appeal.ItemTypeId, appeal.AppealReason, System.Text.Json.JsonSerializer.Deserialize<string[]>(appeal.ViolatingPolicyIds) ?? [],
            appeal.AppealedById, appeal.AppealedByTypeId, SubjectData(appeal.Context));
        var queue = await MatchAsync(db, appeal.OrganizationId, QueueKind.Appeals, subject, queues, Routing(db, appeal.Context, cancellationToken), cancellationToken) ?? DefaultQueues.DefaultOf(queues, QueueKind.Appeals)!;
        var (job, opened) = await JoinOrOpenAsync(db, queue, appeal.ItemTypeId, appeal.ItemId, JobSource.Appeal, appeal.ViolatingPolicyIds, appeal.Id, now, cancellationToken);
        if (!opened)
        {
            job.AttachReport();
        }

        appeal.RouteTo(job.Id, now);
        db.JobEvents.Add(JobEvent.Record(appeal.OrganizationId, job.Id, opened ? JobEventKind.Created : JobEventKind.ReportAttached, null, now,
            detail: appeal.AppealReason is { Length: > 0 } reason ? $"Appealed: {reason}" : "Appealed"));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await AnnounceAsync(appeal.OrganizationId, queue.Id, job, cancellationToken);
        return true;
    }

    private static Task<ReviewQueue?> MatchAsync(
        CoopDbContext db, string organizationId, QueueKind kind, RoutingSubject subject, IReadOnlyList<ReviewQueue> queues, RoutingContextSource? routing,
        CancellationToken cancellationToken) =>
        JobEnqueuer.MatchAsync(db, organizationId, kind, subject, queues, routing, cancellationToken);

    /// <summary>The reported (or appealed) item version as routing conditions and signals see it; none when the report carried no item.</summary>
    private RoutingContextSource? Routing(CoopDbContext db, IEnumerable<ContextItem> context, CancellationToken cancellationToken) =>
        context.FirstOrDefault(c => c.Role == ContextItemRole.Subject)?.Submission is { } submission
            ? conditions => contexts.ForAsync(db, submission, conditions, cancellationToken)
            : null;

    private static System.Text.Json.Nodes.JsonObject? SubjectData(IEnumerable<ContextItem> context) =>
        context.FirstOrDefault(c => c.Role == ContextItemRole.Subject)?.Submission.Data is { } data
            ? System.Text.Json.Nodes.JsonNode.Parse(data) as System.Text.Json.Nodes.JsonObject
            : null;

    private static async Task<(ReviewJob Job, bool Opened)> JoinOrOpenAsync(
        CoopDbContext db, ReviewQueue queue, string itemTypeId, string itemId, JobSource source, string policyIds, string? appealId, DateTime now,
        CancellationToken cancellationToken)
    {
        var key = ReviewJob.ItemKey(itemTypeId, itemId);
        var open = await db.ReviewJobs.SingleOrDefaultAsync(j => j.QueueId == queue.Id && j.OpenItemKey == key, cancellationToken);
        if (open is not null)
        {
            return (open, false);
        }

        var job = ReviewJob.Open(queue.OrganizationId, queue.Id, itemTypeId, itemId, source, now, policyIds, appealId);
        db.ReviewJobs.Add(job);
        await RollupWriter.OnJobOpenedAsync(db, job, cancellationToken);
        return (job, true);
    }

    private async Task AnnounceAsync(string organizationId, string queueId, ReviewJob job, CancellationToken cancellationToken)
    {
        await live.PublishAsync(new LiveEvent(organizationId, LiveTopics.Queue(queueId), LiveEventKinds.JobEnqueued, job.Id), cancellationToken);
        await live.PublishAsync(new LiveEvent(organizationId, LiveTopics.Queues(organizationId), LiveEventKinds.JobEnqueued, job.Id), cancellationToken);
        await live.PublishAsync(new LiveEvent(organizationId, LiveTopics.Job(job.Id), LiveEventKinds.JobUpdated, job.Id), cancellationToken);
        await live.PublishAsync(new LiveEvent(organizationId, LiveTopics.Item(organizationId, job.ItemTypeId, job.ItemId), LiveEventKinds.JobEnqueued, job.Id),
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Routing reports failed; retrying shortly")]
    private partial void LogFailed(Exception exception);
}
