using Coop.Domain.Dashboards;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Coop.Web.Features.Dashboards.Rollups;

/// <summary>
/// Every few minutes: recomputes the last <see cref="Window"/> of roll-ups from the source tables (jobs, job events,
/// decisions, action executions, reports, appeals) through <see cref="RollupFacts"/> and replaces those hours' cells in one
/// transaction per organization (the sources grouped by hour, key and duration bucket in the database on SQLite and PostgreSQL:
/// <see cref="RollupSourceGroups"/>), so it is idempotent and corrects whatever the incremental path missed (reports, appeals
/// and rule actions are counted only here); then snapshots each queue's pending count for the depth chart. Each read is
/// an index range over the window, never a scan of history. The daily cells of the local days the window touches are then
/// re-summed from the hourly cells in the same transaction; when the organization's dashboard time zone
/// (<see cref="DashboardZones"/>) is not the one its daily cells were built in, they are rebuilt from the hourly cells first.
/// Safe on several nodes: each run writes the same result. An increment committed between a run's read of the sources and its
/// replacement of the cells is lost for one interval, until the next run (which recomputes the same hours) counts it again.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class DashboardRollupJob(
    IDbContextFactory<CoopDbContext> factory, ILiveEvents live, TimeProvider time, IConfiguration configuration, ILogger<DashboardRollupJob> logger)
    : IJob
{
    public static readonly JobKey Key = new("dashboard-rollup", "dashboards");

    /// <summary>How far back each run recomputes.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(2);

    /// <summary>How many hours of cells one write transaction of a recompute replaces.</summary>
    public static readonly TimeSpan WriteSlice = TimeSpan.FromHours(24);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    /// <summary>Recomputes every organization's recent hours and snapshots queue depths; returns the cells written.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var organizations = await db.Organizations.AsNoTracking().Select(o => o.Id).ToListAsync(cancellationToken);
        var cells = 0;
        foreach (var org in organizations)
        {
            await EnsureDailyAsync(org, cancellationToken);
            cells += await RecomputeAsync(org, DashboardTime.HourOf(now - Window), cancellationToken: cancellationToken);
            await SnapshotDepthAsync(org, now, cancellationToken);
            await live.PublishAsync(new LiveEvent(org, DashboardLive.Topic(org), DashboardLive.RollupsChanged, null), cancellationToken);
        }

        LogRun(organizations.Count, cells);
        return cells;
    }

    /// <summary>
    /// Replaces the organization's recomputable cells from <paramref name="fromHour"/> on (up to <paramref name="toHour"/>, exclusive,
    /// when given: a back-fill of history a slice at a time) with what the sources say. The sources are read first, outside any
    /// transaction; the cells are then replaced 24 hours (<see cref="WriteSlice"/>) per transaction, with the local days it
    /// touches summed again, so the job holds SQLite's single writer for a few milliseconds at a time and reviewers' claims and
    /// decisions get their turns in between (S7: the whole window in one transaction made claim p99 3× worse while it ran).
    /// A reader sees each day either as it was or as recomputed.
    /// </summary>
    public async Task<int> RecomputeAsync(string organizationId, DateTime fromHour, DateTime? toHour = null, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var deltas = RollupFacts.Combine(RollupSourceGroups.Supports(db)
            ? await RollupSourceGroups.DeltasAsync(db, organizationId, fromHour, toHour, cancellationToken)
            : await SourceDeltasAsync(db, organizationId, fromHour, toHour, cancellationToken));
        var series = DashboardSeries.Recomputed.ToList();
        var zone = await RollupWriter.DailyZoneQuery(db, organizationId).FirstOrDefaultAsync(cancellationToken) is { } zoneId ? DashboardTime.Zone(zoneId) : null;
        var lastHour = toHour is { } end ? end.AddHours(-1) : DashboardTime.HourOf(time.GetUtcNow().UtcDateTime);
        for (var start = fromHour; ; start += WriteSlice)
        {
            var final = start + WriteSlice > lastHour;
            var until = final ? toHour ?? DateTime.MaxValue : start + WriteSlice;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await RollupWriter.LockForReplaceAsync(db, cancellationToken);
            await db.DashboardCounters
                .Where(c => c.OrganizationId == organizationId && series.Contains(c.Series) && c.HourStart >= start && c.HourStart < until)
                .ExecuteDeleteAsync(cancellationToken);
            await RollupWriter.ApplyNowAsync(db, deltas.Where(d => d.HourStart >= start && d.HourStart < until), cancellationToken);
            if (zone is not null)
            {
                var sliceLast = final ? (lastHour < start ? start : lastHour) : until.AddHours(-1);
                await ResumDaysAsync(db, organizationId, zone, DashboardTime.LocalDay(start, zone), DashboardTime.LocalDay(sliceLast, zone), cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            if (final)
            {
                return deltas.Count;
            }
        }
    }

    /// <summary>
    /// Builds the organization's daily cells in its configured zone when they are missing or were built in another zone (the
    /// zone changed): every local day from its first hourly cell on, in one transaction. Returns true when it rebuilt.
    /// </summary>
    public async Task<bool> EnsureDailyAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        var wanted = DashboardZones.Configured(configuration, organizationId);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var state = await db.DashboardDailyStates.SingleOrDefaultAsync(s => s.OrganizationId == organizationId, cancellationToken);
        if (state is not null && state.TimeZone == wanted.Id)
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RollupWriter.LockForReplaceAsync(db, cancellationToken);
        await db.DashboardDailyCounters.Where(c => c.OrganizationId == organizationId).ExecuteDeleteAsync(cancellationToken);
        var hours = await db.DashboardCounters.AsNoTracking().Where(c => c.OrganizationId == organizationId)
            .GroupBy(c => c.OrganizationId).Select(g => new { First = g.Min(c => c.HourStart), Last = g.Max(c => c.HourStart) })
            .FirstOrDefaultAsync(cancellationToken);
        if (hours is not null)
        {
            await ResumDaysAsync(db, organizationId, wanted, DashboardTime.LocalDay(hours.First, wanted), DashboardTime.LocalDay(hours.Last, wanted), cancellationToken);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (state is null)
        {
            db.DashboardDailyStates.Add(DashboardDailyState.Create(organizationId, wanted.Id, now));
        }
        else
        {
            state.Rebuilt(wanted.Id, now);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        LogDailyRebuilt(organizationId, wanted.Id);
        return true;
    }

    /// <summary>
    /// Replaces the daily cells of the local days <paramref name="first"/>..<paramref name="last"/> with the sums of their hourly
    /// cells (queue depth: the highest level), one grouped index range per day.
    /// </summary>
    private static async Task ResumDaysAsync(
        CoopDbContext db, string org, TimeZoneInfo zone, DateOnly first, DateOnly last, CancellationToken cancellationToken)
    {
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            var start = DashboardTime.LocalDayStartUtc(day, zone);
            var end = DashboardTime.LocalDayStartUtc(day.AddDays(1), zone);
            await db.DashboardDailyCounters.Where(c => c.OrganizationId == org && c.DayStart == start).ExecuteDeleteAsync(cancellationToken);
            var sums = await db.DashboardCounters.AsNoTracking()
                .Where(c => c.OrganizationId == org && c.HourStart >= start && c.HourStart < end && c.Series != DashboardSeries.QueueDepth)
                .GroupBy(c => new { c.Series, c.Key1, c.Key2 })
                .Select(g => new { g.Key.Series, g.Key.Key1, g.Key.Key2, Value = g.Sum(c => c.Value) }).ToListAsync(cancellationToken);
            var depths = await db.DashboardCounters.AsNoTracking()
                .Where(c => c.OrganizationId == org && c.Series == DashboardSeries.QueueDepth && c.HourStart >= start && c.HourStart < end)
                .GroupBy(c => new { c.Key1, c.Key2 })
                .Select(g => new { g.Key.Key1, g.Key.Key2, Value = g.Max(c => c.Value) }).ToListAsync(cancellationToken);
            await RollupWriter.SetDailyAsync(db,
                [.. sums.Where(s => s.Value != 0).Select(s => new CounterDelta(org, s.Series, start, s.Key1, s.Key2, s.Value)),
                    .. depths.Select(d => new CounterDelta(org, DashboardSeries.QueueDepth, start, d.Key1, d.Key2, d.Value))],
                cancellationToken);
        }
    }

    /// <summary>
    /// Every delta the sources give for events at or after <paramref name="fromHour"/> (and before <paramref name="toHour"/> when
    /// given), read event by event: SQL Server's read, and what the grouped read (<see cref="RollupSourceGroups"/>) is tested against.
    /// </summary>
    internal static async Task<List<CounterDelta>> SourceDeltasAsync(
        CoopDbContext db, string org, DateTime fromHour, DateTime? toHour, CancellationToken cancellationToken)
    {
        var deltas = new List<CounterDelta>();
        var until = toHour ?? DateTime.MaxValue;

        var arrivals = await db.ReviewJobs.AsNoTracking().Where(j => j.OrganizationId == org && j.CreatedAt >= fromHour && j.CreatedAt < until)
            .Select(j => new ArrivalFact(j.OrganizationId, j.QueueId, j.CreatedAt)).ToListAsync(cancellationToken);
        deltas.AddRange(arrivals.SelectMany(RollupFacts.For));

        var claims = await (
            from e in db.JobEvents.AsNoTracking()
            where e.OrganizationId == org && e.Kind == JobEventKind.Claimed && e.At >= fromHour && e.At < until
                && !db.JobEvents.Any(p => p.JobId == e.JobId && p.Kind == JobEventKind.Claimed && p.Id < e.Id)
            join j in db.ReviewJobs on e.JobId equals j.Id
            select new FirstClaimFact(e.OrganizationId, j.QueueId, j.CreatedAt, e.At)).ToListAsync(cancellationToken);
        deltas.AddRange(claims.SelectMany(RollupFacts.For));

        var skips = await (
            from e in db.JobEvents.AsNoTracking()
            where e.OrganizationId == org && e.Kind == JobEventKind.Skipped && e.At >= fromHour && e.At < until && e.UserId != null
            join j in db.ReviewJobs on e.JobId equals j.Id
            select new SkipFact(e.OrganizationId, j.QueueId, e.UserId!, e.At)).ToListAsync(cancellationToken);
        deltas.AddRange(skips.SelectMany(RollupFacts.For));

        var decisions = await db.ReviewDecisions.AsNoTracking().Where(d => d.OrganizationId == org && d.DecidedAt >= fromHour && d.DecidedAt < until)
            .Select(d => new
            {
                d.OrganizationId, d.QueueId, d.Kind, d.ReviewerUserId, d.JobCreatedAt, d.DecidedAt,
                ClaimedAt = db.JobEvents.Where(e => e.JobId == d.JobId && e.Kind == JobEventKind.Claimed && e.UserId == d.ReviewerUserId)
                    .OrderByDescending(e => e.Id).Select(e => (DateTime?)e.At).FirstOrDefault(),
            }).ToListAsync(cancellationToken);
        deltas.AddRange(decisions.SelectMany(d => RollupFacts.For(
            new DecisionFact(d.OrganizationId, d.QueueId, d.Kind, d.ReviewerUserId, d.JobCreatedAt, d.DecidedAt, d.ReviewerUserId is null ? null : d.ClaimedAt))));

        deltas.AddRange(await ExecutionDeltasAsync(db, org, fromHour, toHour, cancellationToken));

        var reports = await db.Set<Domain.Reports.Report>().AsNoTracking().Where(r => r.OrganizationId == org && r.ReceivedAt >= fromHour && r.ReceivedAt < until)
            .Select(r => new ReportFact(r.OrganizationId, r.PolicyId, r.ReceivedAt)).ToListAsync(cancellationToken);
        deltas.AddRange(reports.SelectMany(RollupFacts.For));

        var appeals = await db.Set<Domain.Reports.Appeal>().AsNoTracking().Where(a => a.OrganizationId == org && a.ReceivedAt >= fromHour && a.ReceivedAt < until)
            .Select(a => new AppealFact(a.OrganizationId, a.ReceivedAt)).ToListAsync(cancellationToken);
        deltas.AddRange(appeals.SelectMany(RollupFacts.For));
        return deltas;
    }

    /// <summary>
    /// What the action executions in the window add, read one by one on every provider (their policies are JSON, and a strike
    /// threshold's firing counts once, at its first execution).
    /// </summary>
    internal static async Task<IEnumerable<CounterDelta>> ExecutionDeltasAsync(
        CoopDbContext db, string org, DateTime fromHour, DateTime? toHour, CancellationToken cancellationToken)
    {
        var until = toHour ?? DateTime.MaxValue;
        var executions = await db.ActionExecutions.AsNoTracking().Where(e => e.OrganizationId == org && e.ExecutedAt >= fromHour && e.ExecutedAt < until)
            .Select(e => new ExecutionFact(e.OrganizationId, e.ActionId, e.Source, e.Policies, e.CorrelationId, e.ExecutedAt)).ToListAsync(cancellationToken);
        return RollupFacts.For(executions);
    }

    /// <summary>Sets this hour's depth cell of each queue to its pending count now (the chart shows the last snapshot of each hour).</summary>
    public async Task SnapshotDepthAsync(string organizationId, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var queueIds = await db.ReviewQueues.AsNoTracking().Where(q => q.OrganizationId == organizationId).Select(q => q.Id).ToListAsync(cancellationToken);
        var pending = await db.ReviewJobs.AsNoTracking().Where(j => queueIds.Contains(j.QueueId) && j.Status == JobStatus.Open)
            .GroupBy(j => j.QueueId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var hour = DashboardTime.HourOf(nowUtc);
        Coop.Infrastructure.Telemetry.CoopMetrics.SetQueueDepths(organizationId, queueIds.Select(q => KeyValuePair.Create(q, pending.GetValueOrDefault(q))));
        await RollupWriter.SetAsync(db,
            queueIds.Select(q => new CounterDelta(organizationId, DashboardSeries.QueueDepth, hour, q, string.Empty, pending.GetValueOrDefault(q))),
            cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard daily roll-ups of organization {Organization} rebuilt in time zone {TimeZone}")]
    private partial void LogDailyRebuilt(string organization, string timeZone);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Dashboard roll-ups recomputed for {Organizations} organization(s): {Cells} cell(s)")]
    private partial void LogRun(int organizations, int cells);
}
