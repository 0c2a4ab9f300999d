using System.Linq.Expressions;
using Coop.Domain.Authorization;
using Coop.Domain.ChildSafety;
using Coop.Domain.Dashboards;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Dashboards;

/// <summary>
/// The live overview: current state of each queue and reviewer (indexed reads of open jobs), the last hour from the
/// roll-ups, and the organization's last 24 hours. NCMEC queues and the NCMEC tile only for child-safety users.
/// </summary>
[RequiresPermission(Permissions.ViewMrtData)]
public sealed record GetDashboardOverviewQuery;

public sealed record QueueTile(
    string QueueId, string Name, QueueKind Kind, int Pending, DateTime? OldestCreatedAt, int? SlaMinutes,
    long ArrivalsLastHour, long DecisionsLastHour, long SkipsLastHour,
    TimeSpan? ClaimWaitP50, TimeSpan? ClaimWaitP90, TimeSpan? DecideWaitP50, TimeSpan? DecideWaitP90, int ActiveReviewers)
{
    /// <summary>How old the oldest pending job is at <paramref name="nowUtc"/>.</summary>
    public TimeSpan? OldestAge(DateTime nowUtc) => OldestCreatedAt is { } at ? nowUtc - at : null;

    /// <summary>True when the oldest pending job is older than the queue's SLA.</summary>
    public bool Breached(DateTime nowUtc) => SlaMinutes is { } sla && OldestAge(nowUtc) is { } age && age.TotalMinutes > sla;

    /// <summary>True when the oldest job has used three quarters of the SLA.</summary>
    public bool Near(DateTime nowUtc) => SlaMinutes is { } sla && OldestAge(nowUtc) is { } age && age.TotalMinutes > sla * 0.75;
}

public sealed record ReviewerTile(
    string UserId, string Name, long DecisionsLastHour, TimeSpan? HandleP50, long SkipsLastHour, string? CurrentJobId, string? CurrentQueue, DateTime? CurrentSince);

public sealed record NamedCount(string Name, long Count);

public sealed record OrgTiles(
    long ReportsIn, long JobsDecided, long Actions, IReadOnlyList<NamedCount> ActionsByPolicy, long AppealsIn, long AppealsDecided, long AppealsOverturned,
    long? NcmecFiled)
{
    public double? OverturnRate => AppealsDecided == 0 ? null : (double)AppealsOverturned / AppealsDecided;
}

public sealed record DashboardOverview(DateTime AsOf, IReadOnlyList<QueueTile> Queues, IReadOnlyList<ReviewerTile> Reviewers, OrgTiles Org);

internal sealed class GetDashboardOverviewHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, TimeProvider time)
    : IQueryHandler<GetDashboardOverviewQuery, DashboardOverview>
{
    public async Task<DashboardOverview> HandleAsync(GetDashboardOverviewQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var childSafety = (await currentUser.GetPrincipalAsync()).HasClaim(Permissions.ClaimType, Permissions.ViewChildSafetyData);
        var org = actor.OrganizationId;
        var now = time.GetUtcNow().UtcDateTime;
        var hour = DashboardTime.HourOf(now);
        var previous = hour.AddHours(-1);
        var previousWeight = 1 - (now - hour).TotalMinutes / 60;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);

        // The queues with their SLA in one read (the settings row is keyed by queue).
        var queues = await db.ReviewQueues.AsNoTracking().Where(q => q.OrganizationId == org && (childSafety || q.Kind != QueueKind.Ncmec))
            .OrderBy(q => q.Name)
            .Select(q => new { q.Id, q.Name, q.Kind, Sla = db.QueueDashboardSettings.Where(s => s.QueueId == q.Id).Select(s => s.SlaMinutes).FirstOrDefault() })
            .ToListAsync(cancellationToken);
        var queueIds = queues.Select(q => q.Id).ToList();

        // Current state: the (QueueId, Status, CreatedAt) index answers count and oldest per queue without touching closed jobs.
        var pending = await db.ReviewJobs.AsNoTracking().Where(j => queueIds.Contains(j.QueueId) && j.Status == JobStatus.Open)
            .GroupBy(j => j.QueueId).Select(g => new { g.Key, Count = g.Count(), Oldest = g.Min(j => j.CreatedAt) })
            .ToDictionaryAsync(g => g.Key, cancellationToken);

        // Live claims: the (OrganizationId, ClaimExpiresAt) index holds only unexpired claims past now.
        var claims = await db.ReviewJobs.AsNoTracking()
            .Where(j => j.OrganizationId == org && j.ClaimExpiresAt > now && j.Status == JobStatus.Open && j.ClaimedByUserId != null)
            .Select(j => new { j.Id, j.QueueId, UserId = j.ClaimedByUserId!, j.ClaimExpiresAt }).ToListAsync(cancellationToken);
        var shown = queueIds.ToHashSet(StringComparer.Ordinal);
        claims = [.. claims.Where(c => shown.Contains(c.QueueId))];
        var claimsByQueue = claims.ToLookup(c => c.QueueId, StringComparer.Ordinal);
        var claimsByUser = claims.ToLookup(c => c.UserId, StringComparer.Ordinal);

        var lastHour = await db.DashboardCounters.AsNoTracking()
            .Where(c => c.OrganizationId == org && c.HourStart >= previous).Where(HourSeries)
            .Select(c => new { c.Series, c.HourStart, c.Key1, c.Key2, c.Value }).ToListAsync(cancellationToken);
        // Each tile reads its cells by (series, key) from one lookup: scanning every cell of the last two hours for each queue's and
        // each reviewer's figures grew with both, and was most of the use case's time outside its queries at 1M items.
        var cells = lastHour.ToLookup(c => (c.Series, c.Key1));
        double Weight(DateTime at) => at >= hour ? 1 : previousWeight;
        long Count(string series, string key1) => (long)Math.Round(cells[(series, key1)].Sum(c => c.Value * Weight(c.HourStart)));
        long[] Histogram(string series, string key1)
        {
            var counts = new long[DurationHistogram.Count];
            foreach (var c in cells[(series, key1)])
            {
                counts[DurationHistogram.Parse(c.Key2)] += c.Value;
            }

            return counts;
        }

        var queueTiles = queues.Select(q =>
        {
            var p = pending.GetValueOrDefault(q.Id);
            var claimWait = Histogram(DashboardSeries.QueueClaimWait, q.Id);
            var decideWait = Histogram(DashboardSeries.QueueDecideWait, q.Id);
            return new QueueTile(q.Id, q.Name, q.Kind, p?.Count ?? 0, p?.Oldest, q.Sla,
                Count(DashboardSeries.QueueArrivals, q.Id), Count(DashboardSeries.QueueDecisions, q.Id), Count(DashboardSeries.QueueSkips, q.Id),
                DurationHistogram.Percentile(claimWait, 0.5), DurationHistogram.Percentile(claimWait, 0.9),
                DurationHistogram.Percentile(decideWait, 0.5), DurationHistogram.Percentile(decideWait, 0.9),
                claimsByQueue[q.Id].Select(c => c.UserId).Distinct().Count());
        }).ToList();

        var reviewerIds = lastHour.Where(c => c.Series.StartsWith("r.", StringComparison.Ordinal)).Select(c => c.Key1)
            .Concat(claims.Select(c => c.UserId)).Distinct().ToList();
        var names = reviewerIds.Count == 0 ? new Dictionary<string, string>() : await db.Users.AsNoTracking().Where(u => reviewerIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.UserName }).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.UserName ?? u.Id, cancellationToken);
        var queueNames = queues.ToDictionary(q => q.Id, q => q.Name);
        var reviewers = reviewerIds.Select(id =>
        {
            var current = claimsByUser[id].MaxBy(c => c.ClaimExpiresAt);
            return new ReviewerTile(id, names.GetValueOrDefault(id, id), Count(DashboardSeries.ReviewerDecisions, id),
                DurationHistogram.Percentile(Histogram(DashboardSeries.ReviewerHandle, id), 0.5), Count(DashboardSeries.ReviewerSkips, id),
                current?.Id, current is null ? null : queueNames.GetValueOrDefault(current.QueueId), null);
        }).OrderByDescending(r => r.DecisionsLastHour).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).ToList();

        var orgTiles = await OrgTilesAsync(db, org, hour.AddHours(-23), now, childSafety, queueIds, cancellationToken);
        return new DashboardOverview(now, queueTiles, reviewers, orgTiles);
    }

    // As SQL constants (see ConstantIn: a captured array would rebuild the command's SQL on every run).
    private static readonly Expression<Func<DashboardCounter, bool>> HourSeries = ConstantIn.Filter<DashboardCounter>(c => c.Series,
    [
        DashboardSeries.QueueArrivals, DashboardSeries.QueueDecisions, DashboardSeries.QueueSkips, DashboardSeries.QueueClaimWait,
        DashboardSeries.QueueDecideWait, DashboardSeries.ReviewerDecisions, DashboardSeries.ReviewerHandle, DashboardSeries.ReviewerSkips,
    ]);

    private static readonly Expression<Func<DashboardCounter, bool>> DaySeries = ConstantIn.Filter<DashboardCounter>(c => c.Series,
    [
        DashboardSeries.Reports, DashboardSeries.QueueDecisions, DashboardSeries.ActionsManual, DashboardSeries.ActionsAutomated,
        DashboardSeries.Appeals, DashboardSeries.AppealsDecided,
    ]);

    /// <summary>The organization's tiles since <paramref name="fromHour"/> (the last 24 hours).</summary>
    private static async Task<OrgTiles> OrgTilesAsync(
        CoopDbContext db, string org, DateTime fromHour, DateTime now, bool childSafety, List<string> visibleQueues, CancellationToken cancellationToken)
    {
        // One grouped read for every 24-hour tile; appeal outcomes are told apart by Key2, so it is kept only for that series.
        var sums = await db.DashboardCounters.AsNoTracking()
            .Where(c => c.OrganizationId == org && c.HourStart >= fromHour).Where(DaySeries)
            .GroupBy(c => new { c.Series, c.Key1, Key2 = c.Series == DashboardSeries.AppealsDecided ? c.Key2 : string.Empty })
            .Select(g => new { g.Key.Series, g.Key.Key1, g.Key.Key2, Value = g.Sum(c => c.Value) }).ToListAsync(cancellationToken);
        var outcomes = sums.Where(s => s.Series == DashboardSeries.AppealsDecided).GroupBy(s => s.Key2).ToDictionary(g => g.Key, g => g.Sum(s => s.Value));
        long Sum(string series) => sums.Where(s => s.Series == series).Sum(s => s.Value);
        var actions = sums.Where(s => s.Series is DashboardSeries.ActionsManual or DashboardSeries.ActionsAutomated)
            .GroupBy(s => s.Key1).Select(g => (PolicyId: g.Key, Count: g.Sum(s => s.Value))).ToList();
        var policyIds = actions.Select(a => a.PolicyId).Where(p => p.Length > 0).ToList();
        var policyNames = policyIds.Count == 0 ? new Dictionary<string, string>() : await db.Policies.AsNoTracking().Where(p => p.OrganizationId == org && policyIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        long? ncmec = null;
        if (childSafety)
        {
            var since = now.AddHours(-24);
            ncmec = await db.NcmecSubmissions.AsNoTracking()
                .Where(s => (s.State == NcmecSubmissionState.Filed || s.State == NcmecSubmissionState.Done) && s.UpdatedAt >= since && s.OrganizationId == org)
                .LongCountAsync(cancellationToken);
        }

        return new OrgTiles(
            Sum(DashboardSeries.Reports),
            sums.Where(s => s.Series == DashboardSeries.QueueDecisions && visibleQueues.Contains(s.Key1)).Sum(s => s.Value),
            actions.Sum(a => a.Count),
            [.. actions.Select(a => new NamedCount(a.PolicyId.Length == 0 ? "No policy" : policyNames.GetValueOrDefault(a.PolicyId, a.PolicyId), a.Count))
                .OrderByDescending(a => a.Count).ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase)],
            Sum(DashboardSeries.Appeals),
            outcomes.Values.Sum(),
            outcomes.GetValueOrDefault(DashboardSeries.Overturned),
            ncmec);
    }
}
