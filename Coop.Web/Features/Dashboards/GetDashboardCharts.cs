using System.Globalization;
using System.Linq.Expressions;
using Coop.Domain.Authorization;
using Coop.Domain.Dashboards;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Dashboards.Rollups;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Dashboards;

/// <summary>How far back charts look: today by the hour, or the last 7 or 30 days by the day (in the viewer's time zone).</summary>
public enum ChartWindow
{
    Day = 0,
    Week = 1,
    Month = 2,
}

/// <summary>The periods of a chart window in a time zone: each starts at a local hour or local midnight, given in UTC.</summary>
public sealed record ChartPeriods(IReadOnlyList<DateTime> StartsUtc, DateTime EndUtc, IReadOnlyList<string> Labels)
{
    /// <summary>The period an instant falls in, or -1 outside the window.</summary>
    public int IndexOf(DateTime utc)
    {
        if (utc < StartsUtc[0] || utc >= EndUtc)
        {
            return -1;
        }

        var i = 0;
        while (i + 1 < StartsUtc.Count && StartsUtc[i + 1] <= utc)
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// Today (local) by the hour for <see cref="ChartWindow.Day"/> (23 or 25 hours on a DST change day), else the last 7 or 30
    /// local days including today.
    /// </summary>
    public static ChartPeriods For(ChartWindow window, TimeZoneInfo zone, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var today = DashboardTime.LocalDay(nowUtc, zone);
        if (window == ChartWindow.Day)
        {
            var start = DashboardTime.LocalDayStartUtc(today, zone);
            var end = DashboardTime.LocalDayStartUtc(today.AddDays(1), zone);
            var starts = new List<DateTime>();
            for (var t = start; t < end; t = t.AddHours(1))
            {
                starts.Add(t);
            }

            // On the autumn change an hour happens twice: those two say which offset they are in.
            return new ChartPeriods(starts, end,
                [.. starts.Select(s =>
                {
                    var local = TimeZoneInfo.ConvertTimeFromUtc(s, zone);
                    var label = local.ToString("HH:mm", CultureInfo.InvariantCulture);
                    return zone.IsAmbiguousTime(local) ? $"{label} {DashboardTime.Offset(zone, s)}" : label;
                })]);
        }

        var days = window == ChartWindow.Week ? 7 : 30;
        var first = today.AddDays(1 - days);
        var dayStarts = Enumerable.Range(0, days).Select(d => DashboardTime.LocalDayStartUtc(first.AddDays(d), zone)).ToList();
        return new ChartPeriods(dayStarts, DashboardTime.LocalDayStartUtc(today.AddDays(1), zone),
            [.. Enumerable.Range(0, days).Select(d => first.AddDays(d).ToString("MMM d", CultureInfo.InvariantCulture))]);
    }
}

/// <summary>Charts over a window, in the viewer's time zone (an IANA or Windows id; UTC when unknown).</summary>
[RequiresPermission(Permissions.ViewMrtData)]
public sealed record GetDashboardChartsQuery(ChartWindow Window, string? TimeZone);

/// <summary>One line or bar series: a name and a value per period.</summary>
public sealed record ChartLine(string Name, IReadOnlyList<double> Values);

public sealed record DashboardCharts(
    ChartWindow Window, string TimeZone, IReadOnlyList<string> Labels,
    IReadOnlyList<ChartLine> ActionsByPolicy, IReadOnlyList<ChartLine> ActionsByAction, IReadOnlyList<ChartLine> DecisionsByKind,
    IReadOnlyList<ChartLine> QueueDepth, IReadOnlyList<string> HandleTimeLabels, IReadOnlyList<double> HandleTimeCounts,
    IReadOnlyList<ChartLine> RuleMatches, IReadOnlyList<double> OverturnRate, IReadOnlyList<double> StrikeThresholds,
    TimeSpan? HandleP50, TimeSpan? HandleP90);

internal sealed class GetDashboardChartsHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, TimeProvider time)
    : IQueryHandler<GetDashboardChartsQuery, DashboardCharts>
{
    private const int TopSeries = 8;

    // The series read together, as SQL constants (see ConstantIn: a captured array would rebuild each command's SQL per run).
    private static readonly Expression<Func<DashboardCounter, bool>> HourlyActions =
        ConstantIn.Filter<DashboardCounter>(c => c.Series, DashboardSeries.ActionsManual, DashboardSeries.ActionsAutomated);

    private static readonly Expression<Func<DashboardDailyCounter, bool>> DailyActions =
        ConstantIn.Filter<DashboardDailyCounter>(c => c.Series, DashboardSeries.ActionsManual, DashboardSeries.ActionsAutomated);

    private static readonly Expression<Func<DashboardCounter, bool>> HourlyOrgSeries =
        ConstantIn.Filter<DashboardCounter>(c => c.Series, DashboardSeries.AppealsDecided, DashboardSeries.StrikeThresholds);

    private static readonly Expression<Func<DashboardDailyCounter, bool>> DailyOrgSeries =
        ConstantIn.Filter<DashboardDailyCounter>(c => c.Series, DashboardSeries.AppealsDecided, DashboardSeries.StrikeThresholds);

    public async Task<DashboardCharts> HandleAsync(GetDashboardChartsQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var childSafety = (await currentUser.GetPrincipalAsync()).HasClaim(Permissions.ClaimType, Permissions.ViewChildSafetyData);
        var org = actor.OrganizationId;
        var zone = DashboardTime.Zone(query.TimeZone);
        var periods = ChartPeriods.For(query.Window, zone, time.GetUtcNow().UtcDateTime);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);

        var queues = await db.ReviewQueues.AsNoTracking().Where(q => q.OrganizationId == org && (childSafety || q.Kind != QueueKind.Ncmec))
            .OrderBy(q => q.Name).Select(q => new { q.Id, q.Name }).ToListAsync(cancellationToken);
        var visible = queues.Select(q => q.Id).ToList();

        // Each chart sums its own index range in the database over the keys it does not show; a 7- or 30-day window viewed in
        // the organization's zone reads one daily cell per key and day, other windows the hourly cells (RollupPlan).
        var source = await RollupSource.ForAsync(db, org, periods.StartsUtc[0], periods.EndUtc, zone, query.Window == ChartWindow.Day, cancellationToken);
        var policyCells = await source.ReadAsync(
            h => h.Where(HourlyActions).GroupBy(c => new { c.HourStart, c.Key1 }).Select(g => new Cell(g.Key.Key1, g.Key.HourStart, g.Sum(c => c.Value))),
            d => d.Where(DailyActions).GroupBy(c => new { c.DayStart, c.Key1 }).Select(g => new Cell(g.Key.Key1, g.Key.DayStart, g.Sum(c => c.Value))),
            cancellationToken);
        var actionCells = await source.ReadAsync(
            h => h.Where(HourlyActions).GroupBy(c => new { c.HourStart, c.Key2 }).Select(g => new Cell(g.Key.Key2, g.Key.HourStart, g.Sum(c => c.Value))),
            d => d.Where(DailyActions).GroupBy(c => new { c.DayStart, c.Key2 }).Select(g => new Cell(g.Key.Key2, g.Key.DayStart, g.Sum(c => c.Value))),
            cancellationToken);
        var kindCells = await source.ReadAsync(
            h => h.Where(c => c.Series == DashboardSeries.QueueDecisions && visible.Contains(c.Key1)).GroupBy(c => new { c.HourStart, c.Key2 })
                .Select(g => new Cell(g.Key.Key2, g.Key.HourStart, g.Sum(c => c.Value))),
            d => d.Where(c => c.Series == DashboardSeries.QueueDecisions && visible.Contains(c.Key1)).GroupBy(c => new { c.DayStart, c.Key2 })
                .Select(g => new Cell(g.Key.Key2, g.Key.DayStart, g.Sum(c => c.Value))),
            cancellationToken);
        var depthCells = await source.ReadAsync(
            h => h.Where(c => c.Series == DashboardSeries.QueueDepth && visible.Contains(c.Key1)).Select(c => new Cell(c.Key1, c.HourStart, c.Value)),
            d => d.Where(c => c.Series == DashboardSeries.QueueDepth && visible.Contains(c.Key1)).Select(c => new Cell(c.Key1, c.DayStart, c.Value)),
            cancellationToken);
        var handleCells = await source.ReadAsync(
            h => h.Where(c => c.Series == DashboardSeries.ReviewerHandle).GroupBy(c => c.Key2).Select(g => new Bucket(g.Key, g.Sum(c => c.Value))),
            d => d.Where(c => c.Series == DashboardSeries.ReviewerHandle).GroupBy(c => c.Key2).Select(g => new Bucket(g.Key, g.Sum(c => c.Value))),
            cancellationToken);
        var cells = await source.ReadAsync(
            h => h.Where(HourlyOrgSeries).Select(c => new SeriesCell(c.Series, c.HourStart, c.Key2, c.Value)),
            d => d.Where(DailyOrgSeries).Select(c => new SeriesCell(c.Series, c.DayStart, c.Key2, c.Value)),
            cancellationToken);
        var n = periods.StartsUtc.Count;

        List<ChartLine> Grouped(IEnumerable<Cell> rows, Func<string, string> name, bool level = false)
        {
            var grouped = rows.GroupBy(r => r.Key).Select(g =>
            {
                var values = new double[n];
                foreach (var r in g)
                {
                    var i = periods.IndexOf(r.Hour);
                    if (i >= 0)
                    {
                        values[i] = level ? Math.Max(values[i], r.Value) : values[i] + r.Value;
                    }
                }

                return new ChartLine(name(g.Key), values);
            }).OrderByDescending(s => s.Values.Sum()).ToList();
            if (level || grouped.Count <= TopSeries)
            {
                return grouped;
            }

            var other = new double[n];
            foreach (var s in grouped.Skip(TopSeries - 1))
            {
                for (var i = 0; i < n; i++)
                {
                    other[i] += s.Values[i];
                }
            }

            return [.. grouped.Take(TopSeries - 1), new ChartLine("Other", other)];
        }

        var policyIds = policyCells.Select(c => c.Key).Distinct().ToList();
        var actionIds = actionCells.Select(c => c.Key).Distinct().ToList();
        var policyNames = await db.Policies.AsNoTracking().Where(p => p.OrganizationId == org && policyIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var actionNames = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == org && actionIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var queueNames = queues.ToDictionary(q => q.Id, q => q.Name);

        var byPolicy = Grouped(policyCells, k => k.Length == 0 ? "No policy" : policyNames.GetValueOrDefault(k, k));
        var byAction = Grouped(actionCells, k => actionNames.GetValueOrDefault(k, k));
        var byKind = Grouped(kindCells, DecisionKindNames.Name);
        var depth = Grouped(depthCells, k => queueNames.GetValueOrDefault(k, k), level: true);

        var handle = new long[DurationHistogram.Count];
        foreach (var c in handleCells)
        {
            handle[DurationHistogram.Parse(c.Key)] += c.Value;
        }

        var lastBucket = Array.FindLastIndex(handle, v => v > 0);
        var shown = Math.Max(lastBucket + 1, 8);

        var overturned = new double[n];
        var decided = new double[n];
        var strikes = new double[n];
        foreach (var c in cells)
        {
            var i = periods.IndexOf(c.HourStart);
            if (i < 0)
            {
                continue;
            }

            if (c.Series == DashboardSeries.AppealsDecided)
            {
                decided[i] += c.Value;
                if (c.Key2 == DashboardSeries.Overturned)
                {
                    overturned[i] += c.Value;
                }
            }
            else if (c.Series == DashboardSeries.StrikeThresholds)
            {
                strikes[i] += c.Value;
            }
        }

        var rate = Enumerable.Range(0, n).Select(i => decided[i] == 0 ? 0 : Math.Round(100 * overturned[i] / decided[i], 1)).ToArray();
        var rules = await RuleMatchesAsync(db, org, periods, cancellationToken);
        return new DashboardCharts(query.Window, zone.Id, periods.Labels, byPolicy, byAction, byKind, depth,
            [.. Enumerable.Range(0, shown).Select(DurationHistogram.Label)], [.. handle.Take(shown).Select(v => (double)v)],
            rules, rate, strikes, DurationHistogram.Percentile(handle, 0.5), DurationHistogram.Percentile(handle, 0.9));
    }

    /// <summary>A roll-up sum for one key and hour (or day: the instant the day starts).</summary>
    private sealed record Cell(string Key, DateTime Hour, long Value);

    /// <summary>A histogram bucket's sum.</summary>
    private sealed record Bucket(string Key, long Value);

    /// <summary>One cell of an organization-wide series.</summary>
    private sealed record SeriesCell(string Series, DateTime HourStart, string Key2, long Value);

    /// <summary>
    /// Rule matches from the engine's per-rule UTC-day statistics (RuleDailyStats): each UTC day lands in the period holding its
    /// midday, so by the hour (the day window) the whole day shows at noon.
    /// </summary>
    private static async Task<IReadOnlyList<ChartLine>> RuleMatchesAsync(
        CoopDbContext db, string org, ChartPeriods periods, CancellationToken cancellationToken)
    {
        var firstDay = DateOnly.FromDateTime(periods.StartsUtc[0]).AddDays(-1);
        var lastDay = DateOnly.FromDateTime(periods.EndUtc);
        var stats = await (
            from s in db.RuleDailyStats.AsNoTracking()
            join r in db.Rules.AsNoTracking() on s.RuleId equals r.Id
            where s.OrganizationId == org && s.Day >= firstDay && s.Day <= lastDay && s.Matches > 0
            select new { r.Name, s.Day, s.Matches }).ToListAsync(cancellationToken);
        var n = periods.StartsUtc.Count;
        return [.. stats.GroupBy(s => s.Name).Select(g =>
        {
            var values = new double[n];
            foreach (var s in g)
            {
                var i = periods.IndexOf(s.Day.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc));
                if (i >= 0)
                {
                    values[i] += s.Matches;
                }
            }

            return new ChartLine(g.Key, values);
        }).Where(s => s.Values.Sum() > 0).OrderByDescending(s => s.Values.Sum()).Take(TopSeries)];
    }
}

/// <summary>Display names of decision kinds (as roll-up keys).</summary>
public static class DecisionKindNames
{
    public static string Name(string key) => Enum.TryParse<DecisionKind>(key, out var kind) ? Name(kind) : key;

    public static string Name(DecisionKind kind) => kind switch
    {
        DecisionKind.Ignore => "Ignored",
        DecisionKind.Action => "Actioned",
        DecisionKind.Move => "Moved",
        DecisionKind.EnqueueToNcmec => "To NCMEC",
        DecisionKind.SubmitNcmecReport => "NCMEC report",
        DecisionKind.AcceptAppeal => "Appeal accepted",
        DecisionKind.RejectAppeal => "Appeal rejected",
        DecisionKind.AutomaticClose => "Closed automatically",
        _ => kind.ToString(),
    };
}
