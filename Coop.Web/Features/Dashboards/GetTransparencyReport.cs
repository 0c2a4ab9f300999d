using System.Linq.Expressions;
using Coop.Domain.Authorization;
using Coop.Domain.Dashboards;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Dashboards.Rollups;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Dashboards;

/// <summary>
/// A DSA-style transparency report for the local days <see cref="From"/> to <see cref="To"/> (inclusive) in a time zone: notices
/// (reports) by policy, actions by type split into automated and manual, median time to action, appeals and their outcomes.
/// Read from the roll-ups only.
/// </summary>
[RequiresPermission(Permissions.ViewMrtData)]
public sealed record GetTransparencyReportQuery(DateOnly From, DateOnly To, string? TimeZone);

public sealed record ActionTypeRow(string Action, long Automated, long Manual)
{
    public long Total => Automated + Manual;
}

public sealed record TransparencyReport(
    DateOnly From, DateOnly To, string TimeZone, DateTime FromUtc, DateTime ToUtc,
    IReadOnlyList<NamedCount> NoticesByPolicy, IReadOnlyList<ActionTypeRow> ActionsByType, IReadOnlyList<NamedCount> ActionsByPolicy,
    TimeSpan? MedianTimeToAction, long ActionDecisions, long AppealsReceived, long AppealsDecided, long AppealsOverturned, long AppealsUpheld)
{
    public long Notices => NoticesByPolicy.Sum(n => n.Count);

    public long AutomatedActions => ActionsByType.Sum(a => a.Automated);

    public long ManualActions => ActionsByType.Sum(a => a.Manual);
}

internal sealed class GetTransparencyReportHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser)
    : IQueryHandler<GetTransparencyReportQuery, TransparencyReport>
{
    public const int MaxDays = 400;

    // The report's series, as SQL constants (see ConstantIn: a captured array would rebuild the command's SQL on every run).
    private static readonly string[] Series =
    [
        DashboardSeries.Reports, DashboardSeries.ActionsManual, DashboardSeries.ActionsAutomated, DashboardSeries.TimeToAction,
        DashboardSeries.Appeals, DashboardSeries.AppealsDecided,
    ];

    private static readonly Expression<Func<DashboardCounter, bool>> HourlySeries = ConstantIn.Filter<DashboardCounter>(c => c.Series, Series);

    private static readonly Expression<Func<DashboardDailyCounter, bool>> DailySeries = ConstantIn.Filter<DashboardDailyCounter>(c => c.Series, Series);

    public async Task<TransparencyReport> HandleAsync(GetTransparencyReportQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        if (query.To < query.From)
        {
            throw new ValidationFailedException(nameof(query.To), "The period ends before it starts.");
        }

        if (query.To.DayNumber - query.From.DayNumber >= MaxDays)
        {
            throw new ValidationFailedException(nameof(query.To), $"A report covers at most {MaxDays} days.");
        }

        var org = actor.OrganizationId;
        var zone = DashboardTime.Zone(query.TimeZone);
        var fromUtc = DashboardTime.LocalDayStartUtc(query.From, zone);
        var toUtc = DashboardTime.LocalDayStartUtc(query.To.AddDays(1), zone);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Database.OpenConnectionAsync(cancellationToken);
        var source = await RollupSource.ForAsync(db, org, fromUtc, toUtc, zone, byHour: false, cancellationToken);
        var sums = await source.ReadAsync(
            h => h.Where(HourlySeries).GroupBy(c => new { c.Series, c.Key1, c.Key2 })
                .Select(g => new Sum(g.Key.Series, g.Key.Key1, g.Key.Key2, g.Sum(c => c.Value))),
            d => d.Where(DailySeries).GroupBy(c => new { c.Series, c.Key1, c.Key2 })
                .Select(g => new Sum(g.Key.Series, g.Key.Key1, g.Key.Key2, g.Sum(c => c.Value))),
            cancellationToken);

        var policyIds = sums.Where(s => s.Series is DashboardSeries.Reports or DashboardSeries.ActionsManual or DashboardSeries.ActionsAutomated)
            .Select(s => s.Key1).Where(k => k.Length > 0).Distinct().ToList();
        var actionIds = sums.Where(s => s.Series is DashboardSeries.ActionsManual or DashboardSeries.ActionsAutomated).Select(s => s.Key2).Distinct().ToList();
        var policyNames = await db.Policies.AsNoTracking().Where(p => p.OrganizationId == org && policyIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var actionNames = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == org && actionIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        string Policy(string id) => id.Length == 0 ? "No policy given" : policyNames.GetValueOrDefault(id, id);

        var notices = sums.Where(s => s.Series == DashboardSeries.Reports).GroupBy(s => Policy(s.Key1))
            .Select(g => new NamedCount(g.Key, g.Sum(s => s.Value))).OrderByDescending(n => n.Count).ThenBy(n => n.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var actions = sums.Where(s => s.Series is DashboardSeries.ActionsManual or DashboardSeries.ActionsAutomated).ToList();
        var byType = actions.GroupBy(s => actionNames.GetValueOrDefault(s.Key2, s.Key2))
            .Select(g => new ActionTypeRow(g.Key,
                g.Where(s => s.Series == DashboardSeries.ActionsAutomated).Sum(s => s.Value),
                g.Where(s => s.Series == DashboardSeries.ActionsManual).Sum(s => s.Value)))
            .OrderByDescending(a => a.Total).ThenBy(a => a.Action, StringComparer.OrdinalIgnoreCase).ToList();
        var byPolicy = actions.GroupBy(s => Policy(s.Key1)).Select(g => new NamedCount(g.Key, g.Sum(s => s.Value)))
            .OrderByDescending(n => n.Count).ThenBy(n => n.Name, StringComparer.OrdinalIgnoreCase).ToList();
        var tta = new long[DurationHistogram.Count];
        foreach (var s in sums.Where(s => s.Series == DashboardSeries.TimeToAction))
        {
            tta[DurationHistogram.Parse(s.Key2)] += s.Value;
        }

        var decided = sums.Where(s => s.Series == DashboardSeries.AppealsDecided).ToList();
        return new TransparencyReport(query.From, query.To, zone.Id, fromUtc, toUtc, notices, byType, byPolicy,
            DurationHistogram.Percentile(tta, 0.5), tta.Sum(),
            sums.Where(s => s.Series == DashboardSeries.Appeals).Sum(s => s.Value),
            decided.Sum(s => s.Value),
            decided.Where(s => s.Key2 == DashboardSeries.Overturned).Sum(s => s.Value),
            decided.Where(s => s.Key2 == DashboardSeries.Upheld).Sum(s => s.Value));
    }

    /// <summary>A roll-up sum over the period for one series and key pair (daily and hourly parts are added up after).</summary>
    private sealed record Sum(string Series, string Key1, string Key2, long Value);
}
