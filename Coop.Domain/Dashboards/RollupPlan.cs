namespace Coop.Domain.Dashboards;

/// <summary>A range of hourly cells: those whose <see cref="DashboardCounter.HourStart"/> is in [<see cref="From"/>, <see cref="To"/>).</summary>
public readonly record struct HourRange(DateTime From, DateTime To);

/// <summary>
/// Which roll-up cells answer a window [from, to): the daily cells whose <see cref="DashboardDailyCounter.DayStart"/> is in
/// [<see cref="DaysFrom"/>, <see cref="DaysTo"/>) (whole local days in the zone the daily cells are built in), and the hourly
/// cells in <see cref="Hours"/> (the partial days at either edge, or everything when the daily cells cannot be used). A
/// window covers the hourly cells whose hour starts inside it, and a daily cell is exactly the hourly cells whose hour starts
/// on its local day, so the two parts never overlap and add up to what the hourly cells alone would give — in any zone,
/// including half-hour offsets and 23- or 25-hour days. The one place that decides what a dashboard query reads.
/// </summary>
public sealed record RollupPlan(DateTime? DaysFrom, DateTime? DaysTo, IReadOnlyList<HourRange> Hours)
{
    public bool HasDays => DaysFrom is { } from && DaysTo is { } to && from < to;

    public bool HasHours => Hours.Count > 0;

    /// <summary>Only hourly cells (a window by the hour, or no daily cells to use).</summary>
    public static RollupPlan HoursOnly(DateTime fromUtc, DateTime toUtc) =>
        new(null, null, fromUtc < toUtc ? [new HourRange(fromUtc, toUtc)] : []);

    /// <summary>
    /// Splits [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) into whole local days of <paramref name="dailyZone"/>
    /// (read from the daily cells) and the hours before the first and after the last of them. Hourly cells only when there
    /// are no daily cells (<paramref name="dailyZone"/> null) or the window is in another zone (<paramref name="viewZone"/>
    /// whose days are not the daily cells' days).
    /// </summary>
    public static RollupPlan For(DateTime fromUtc, DateTime toUtc, TimeZoneInfo? dailyZone, TimeZoneInfo? viewZone = null)
    {
        fromUtc = DateTime.SpecifyKind(fromUtc, DateTimeKind.Utc);
        toUtc = DateTime.SpecifyKind(toUtc, DateTimeKind.Utc);
        if (dailyZone is null || (viewZone is not null && !SameZone(dailyZone, viewZone)))
        {
            return HoursOnly(fromUtc, toUtc);
        }

        var first = DashboardTime.LocalDay(fromUtc, dailyZone);
        if (DashboardTime.LocalDayStartUtc(first, dailyZone) < fromUtc)
        {
            first = first.AddDays(1);
        }

        var last = DashboardTime.LocalDay(toUtc, dailyZone); // the days before this one may be whole
        var daysFrom = DashboardTime.LocalDayStartUtc(first, dailyZone);
        var daysTo = DashboardTime.LocalDayStartUtc(last, dailyZone);
        if (first >= last || daysTo > toUtc)
        {
            return HoursOnly(fromUtc, toUtc);
        }

        var hours = new List<HourRange>(2);
        if (fromUtc < daysFrom)
        {
            hours.Add(new HourRange(fromUtc, daysFrom));
        }

        if (daysTo < toUtc)
        {
            hours.Add(new HourRange(daysTo, toUtc));
        }

        return new RollupPlan(daysFrom, daysTo, hours);
    }

    /// <summary>The start (UTC) of the daily cell an hourly cell belongs to: the local day its hour starts on.</summary>
    public static DateTime DayStartOf(DateTime hourStartUtc, TimeZoneInfo zone) =>
        DashboardTime.LocalDayStartUtc(DashboardTime.LocalDay(hourStartUtc, zone), zone);

    /// <summary>Two zones with the same local days (the same id, or both UTC).</summary>
    public static bool SameZone(TimeZoneInfo a, TimeZoneInfo b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return string.Equals(a.Id, b.Id, StringComparison.OrdinalIgnoreCase) || a.HasSameRules(b)
            || (DashboardTime.ShortName(a) == "UTC" && DashboardTime.ShortName(b) == "UTC");
    }
}
