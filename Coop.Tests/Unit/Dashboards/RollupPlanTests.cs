using Coop.Domain.Dashboards;

namespace Coop.Tests.Unit.Dashboards;

/// <summary>
/// The planner that splits a dashboard window into whole local days (daily roll-up cells) and edge hours (hourly cells):
/// DST days of 23 and 25 hours, half-hour and quarter-hour offsets, windows starting mid-day, and windows in another zone.
/// </summary>
public sealed class RollupPlanTests
{
    private static TimeZoneInfo Zone(string id) => TimeZoneInfo.FindSystemTimeZoneById(id);

    private static DateTime Local(string zone, int year, int month, int day, int hour = 0, int minute = 0) =>
        TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), Zone(zone));

    private static (DateTime From, DateTime To) Days(RollupPlan plan) => (plan.DaysFrom!.Value, plan.DaysTo!.Value);

    private static DateTime Utc(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    [Fact]
    public void Whole_local_days_across_the_23_hour_spring_day_come_from_the_daily_cells_only()
    {
        // Berlin skips 02:00–03:00 on 29 March 2026.
        var plan = RollupPlan.For(Local("Europe/Berlin", 2026, 3, 28), Local("Europe/Berlin", 2026, 3, 31), Zone("Europe/Berlin"), Zone("Europe/Berlin"));
        Assert.Equal((Utc(2026, 3, 27, 23), Utc(2026, 3, 30, 22)), Days(plan));
        Assert.Empty(plan.Hours);
        Assert.Equal(TimeSpan.FromHours(24 + 23 + 24), Days(plan).To - Days(plan).From);
    }

    [Fact]
    public void The_25_hour_autumn_day_is_one_daily_cell()
    {
        // New York repeats 01:00–02:00 on 1 November 2026.
        var zone = Zone("America/New_York");
        var plan = RollupPlan.For(Local("America/New_York", 2026, 11, 1), Local("America/New_York", 2026, 11, 2), zone, zone);
        Assert.Equal((Utc(2026, 11, 1, 4), Utc(2026, 11, 2, 5)), Days(plan));
        Assert.Empty(plan.Hours);
        Assert.Equal(Utc(2026, 11, 1, 4), RollupPlan.DayStartOf(Utc(2026, 11, 2, 4), zone)); // 23:00 EST is still 1 November
        Assert.Equal(Utc(2026, 11, 2, 5), RollupPlan.DayStartOf(Utc(2026, 11, 2, 5), zone));
    }

    [Fact]
    public void A_window_starting_and_ending_mid_day_reads_its_edge_hours_from_the_hourly_cells()
    {
        var zone = Zone("Europe/Berlin");
        var from = Local("Europe/Berlin", 2026, 7, 10, 14, 0); // 12:00 UTC
        var to = Local("Europe/Berlin", 2026, 7, 13, 9, 0);    // 07:00 UTC
        var plan = RollupPlan.For(from, to, zone, zone);
        Assert.Equal((Utc(2026, 7, 10, 22), Utc(2026, 7, 12, 22)), Days(plan));
        Assert.Equal([new HourRange(Utc(2026, 7, 10, 12), Utc(2026, 7, 10, 22)), new HourRange(Utc(2026, 7, 12, 22), Utc(2026, 7, 13, 7))], plan.Hours);
    }

    [Fact]
    public void In_a_half_hour_offset_zone_the_days_start_at_half_past_and_the_edges_meet_them()
    {
        // Kolkata is UTC+5:30: its days start at 18:30 UTC.
        var zone = Zone("Asia/Kolkata");
        var plan = RollupPlan.For(Local("Asia/Kolkata", 2026, 7, 10, 10, 0), Local("Asia/Kolkata", 2026, 7, 13, 15, 0), zone, zone);
        Assert.Equal((Utc(2026, 7, 10, 18, 30), Utc(2026, 7, 12, 18, 30)), Days(plan));
        Assert.Equal([new HourRange(Utc(2026, 7, 10, 4, 30), Utc(2026, 7, 10, 18, 30)), new HourRange(Utc(2026, 7, 12, 18, 30), Utc(2026, 7, 13, 9, 30))], plan.Hours);

        // The hourly cell of 18:00 UTC starts before local midnight: it belongs to the day before.
        Assert.Equal(Utc(2026, 7, 9, 18, 30), RollupPlan.DayStartOf(Utc(2026, 7, 10, 18, 0), zone));
        Assert.Equal(Utc(2026, 7, 10, 18, 30), RollupPlan.DayStartOf(Utc(2026, 7, 10, 19, 0), zone));
    }

    [Fact]
    public void A_window_shorter_than_a_whole_day_or_in_another_zone_or_without_daily_cells_reads_hours_only()
    {
        var berlin = Zone("Europe/Berlin");
        var from = Local("Europe/Berlin", 2026, 7, 10, 6, 0);
        var to = Local("Europe/Berlin", 2026, 7, 11, 5, 0);
        Assert.Equal(RollupPlan.HoursOnly(from, to).Hours, RollupPlan.For(from, to, berlin, berlin).Hours);
        Assert.False(RollupPlan.For(from, to, berlin, berlin).HasDays);

        var week = (Local("Asia/Tokyo", 2026, 7, 9), Local("Asia/Tokyo", 2026, 7, 16));
        var inTokyo = RollupPlan.For(week.Item1, week.Item2, berlin, Zone("Asia/Tokyo"));
        Assert.False(inTokyo.HasDays);
        Assert.Equal([new HourRange(week.Item1, week.Item2)], inTokyo.Hours);
        Assert.False(RollupPlan.For(week.Item1, week.Item2, null, Zone("Asia/Tokyo")).HasDays);

        // Exactly one local day from midnight to midnight: one daily cell, no hours.
        var day = RollupPlan.For(Local("Asia/Tokyo", 2026, 7, 9), Local("Asia/Tokyo", 2026, 7, 10), Zone("Asia/Tokyo"), Zone("Asia/Tokyo"));
        Assert.True(day.HasDays);
        Assert.Empty(day.Hours);
    }

    [Theory]
    [InlineData("Europe/Berlin")]
    [InlineData("America/New_York")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Asia/Kathmandu")]
    [InlineData("Australia/Adelaide")]
    [InlineData("America/Santiago")]
    [InlineData("UTC")]
    public void Daily_and_edge_hourly_cells_add_up_to_the_hourly_cells_of_any_window(string zoneId)
    {
        // A year of hourly cells (DST changes both ways; Santiago skips midnight), each hour a distinct value; the daily cells
        // are the hourly ones grouped by the local day their hour starts on — what the roll-up job builds.
        var zone = Zone(zoneId);
        var random = new Random(zoneId.Length * 7919);
        var start = Utc(2026, 1, 1);
        var hourly = Enumerable.Range(0, 366 * 24).ToDictionary(h => start.AddHours(h), _ => (long)random.Next(1, 1000));
        var daily = hourly.GroupBy(c => RollupPlan.DayStartOf(c.Key, zone)).ToDictionary(g => g.Key, g => g.Sum(c => c.Value));

        for (var i = 0; i < 400; i++)
        {
            var from = start.AddDays(1).AddMinutes(random.Next(0, 360 * 24 * 60));
            var to = from.AddMinutes(random.Next(0, 35 * 24 * 60));
            if (i % 4 == 0)
            {
                // Windows of whole local days, as the charts and the transparency report ask for.
                from = DashboardTime.LocalDayStartUtc(DashboardTime.LocalDay(from, zone), zone);
                to = DashboardTime.LocalDayStartUtc(DashboardTime.LocalDay(to, zone).AddDays(1), zone);
            }

            var plan = RollupPlan.For(from, to, zone, zone);
            var expected = hourly.Where(c => c.Key >= from && c.Key < to).Sum(c => c.Value);
            var fromDays = plan.HasDays ? daily.Where(c => c.Key >= plan.DaysFrom && c.Key < plan.DaysTo).Sum(c => c.Value) : 0;
            var fromHours = plan.Hours.Sum(r => hourly.Where(c => c.Key >= r.From && c.Key < r.To).Sum(c => c.Value));
            Assert.Equal(expected, fromDays + fromHours);
            Assert.All(plan.Hours, r => Assert.True(r.To <= plan.DaysFrom || r.From >= plan.DaysTo || !plan.HasDays, $"{r} overlaps the days"));
            if (i % 4 == 0 && to - from >= TimeSpan.FromDays(1))
            {
                Assert.Empty(plan.Hours);
            }
        }
    }
}
