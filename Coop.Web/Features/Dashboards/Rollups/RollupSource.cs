using Coop.Domain.Dashboards;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Dashboards.Rollups;

/// <summary>
/// The roll-up cells of one organization for a window, as <see cref="RollupPlan"/> splits it: each read runs the same query
/// shape over the daily cells of the whole local days and over the hourly cells of each remaining hour range (one index
/// range each), and returns the rows of both. Charts and the transparency report read through this, so there is one place
/// that decides which cells answer a window.
/// </summary>
public sealed class RollupSource
{
    private readonly CoopDbContext db;
    private readonly string organizationId;

    private RollupSource(CoopDbContext db, string organizationId, RollupPlan plan)
    {
        this.db = db;
        this.organizationId = organizationId;
        Plan = plan;
    }

    public RollupPlan Plan { get; }

    /// <summary>
    /// The cells for [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) viewed in <paramref name="viewZone"/>: whole days
    /// from the daily cells when they are built in that zone, unless <paramref name="byHour"/> (a chart by the hour).
    /// </summary>
    public static async Task<RollupSource> ForAsync(
        CoopDbContext db, string organizationId, DateTime fromUtc, DateTime toUtc, TimeZoneInfo viewZone, bool byHour, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (byHour)
        {
            return new RollupSource(db, organizationId, RollupPlan.HoursOnly(fromUtc, toUtc));
        }

        var zoneId = await RollupWriter.DailyZoneQuery(db, organizationId).FirstOrDefaultAsync(cancellationToken);
        return new RollupSource(db, organizationId, RollupPlan.For(fromUtc, toUtc, zoneId is null ? null : DashboardTime.Zone(zoneId), viewZone));
    }

    /// <summary>
    /// Runs <paramref name="hourly"/> on the hourly cells of each hour range and <paramref name="daily"/> on the daily cells of
    /// the whole days (both already limited to the organization and the range), and returns all their rows.
    /// </summary>
    public async Task<List<T>> ReadAsync<T>(
        Func<IQueryable<DashboardCounter>, IQueryable<T>> hourly, Func<IQueryable<DashboardDailyCounter>, IQueryable<T>> daily,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(hourly);
        ArgumentNullException.ThrowIfNull(daily);
        var rows = new List<T>();
        var org = organizationId;
        if (Plan is { HasDays: true, DaysFrom: { } from, DaysTo: { } to })
        {
            rows.AddRange(await daily(db.DashboardDailyCounters.AsNoTracking().Where(c => c.OrganizationId == org && c.DayStart >= from && c.DayStart < to))
                .ToListAsync(cancellationToken));
        }

        foreach (var range in Plan.Hours)
        {
            var (start, end) = (range.From, range.To);
            rows.AddRange(await hourly(db.DashboardCounters.AsNoTracking().Where(c => c.OrganizationId == org && c.HourStart >= start && c.HourStart < end))
                .ToListAsync(cancellationToken));
        }

        return rows;
    }
}
