using Coop.Domain.Dashboards;
using Coop.Web.Features.Dashboards;

namespace Coop.Tests.Unit.Dashboards;

/// <summary>Histogram percentiles and local-time windows of the dashboards.</summary>
public sealed class DashboardMathTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Median_and_p90_from_a_histogram_fall_in_the_bucket_of_the_exact_value(int seed)
    {
        var random = new Random(seed);

        // Log-uniform durations between 2 s and 3 h, like review waits.
        var durations = Enumerable.Range(0, 5000).Select(_ => TimeSpan.FromSeconds(Math.Exp(random.NextDouble() * Math.Log(5400)) * 2)).Order().ToList();
        var counts = new long[DurationHistogram.Count];
        foreach (var d in durations)
        {
            counts[DurationHistogram.BucketOf(d)]++;
        }

        foreach (var q in new[] { 0.5, 0.9 })
        {
            var exact = durations[(int)Math.Ceiling(q * durations.Count) - 1];
            var estimate = DurationHistogram.Percentile(counts, q)!.Value;
            var bucket = DurationHistogram.BucketOf(exact);
            Assert.InRange(estimate.TotalSeconds, DurationHistogram.LowerSeconds(bucket), DurationHistogram.UpperSeconds(bucket));
            Assert.InRange(estimate.TotalSeconds / exact.TotalSeconds, 0.5, 2.0);
        }
    }

    [Fact]
    public void Buckets_are_log_scale_and_an_empty_histogram_has_no_percentile()
    {
        Assert.Equal(0, DurationHistogram.BucketOf(TimeSpan.FromSeconds(4.9)));
        Assert.Equal(1, DurationHistogram.BucketOf(TimeSpan.FromSeconds(5)));
        Assert.Equal(2, DurationHistogram.BucketOf(TimeSpan.FromSeconds(10)));
        Assert.Equal(DurationHistogram.Count - 1, DurationHistogram.BucketOf(TimeSpan.FromDays(365)));
        Assert.Equal(0, DurationHistogram.BucketOf(TimeSpan.FromSeconds(-3)));
        Assert.Null(DurationHistogram.Percentile(new long[DurationHistogram.Count], 0.5));
        var one = new long[DurationHistogram.Count];
        one[3] = 1;
        Assert.InRange(DurationHistogram.Percentile(one, 0.5)!.Value.TotalSeconds, 20, 40);
    }

    [Fact]
    public void A_decision_at_half_past_eleven_local_lands_on_that_local_day()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var now = new DateTime(2026, 7, 15, 12, 0, 0, DateTimeKind.Utc);
        var periods = ChartPeriods.For(ChartWindow.Week, zone, now);
        var evening = TimeZoneInfo.ConvertTimeToUtc(new DateTime(2026, 7, 13, 23, 30, 0), zone);

        Assert.Equal(new DateTime(2026, 7, 14, 3, 30, 0), evening);
        Assert.Equal("Jul 13", periods.Labels[periods.IndexOf(DashboardTime.HourOf(evening))]);
        Assert.Equal("Jul 14", periods.Labels[periods.IndexOf(evening.AddMinutes(31))]);
        Assert.Equal(new DateTime(2026, 7, 9, 4, 0, 0), periods.StartsUtc[0]);
        Assert.Equal(-1, periods.IndexOf(periods.StartsUtc[0].AddTicks(-1)));
        Assert.Equal(-1, periods.IndexOf(periods.EndUtc));
    }

    [Theory]
    [InlineData(2026, 3, 8, 23)]
    [InlineData(2026, 11, 1, 25)]
    [InlineData(2026, 7, 1, 24)]
    public void The_day_window_has_the_local_days_hours_on_a_dst_change(int year, int month, int day, int hours)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");
        var noon = TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, 12, 0, 0), zone);
        var periods = ChartPeriods.For(ChartWindow.Day, zone, noon);

        Assert.Equal(hours, periods.StartsUtc.Count);
        Assert.Equal("00:00", periods.Labels[0]);
        Assert.Equal("23:00", periods.Labels[^1]);
        Assert.Equal(TimeSpan.FromHours(hours), periods.EndUtc - periods.StartsUtc[0]);
    }

    [Fact]
    public void The_month_window_across_a_dst_change_starts_each_day_at_local_midnight()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var now = new DateTime(2026, 4, 10, 12, 0, 0, DateTimeKind.Utc);
        var periods = ChartPeriods.For(ChartWindow.Month, zone, now);

        Assert.Equal(30, periods.StartsUtc.Count);
        Assert.All(periods.StartsUtc, s => Assert.Equal(TimeSpan.Zero, TimeZoneInfo.ConvertTimeFromUtc(s, zone).TimeOfDay));
        Assert.Contains(periods.StartsUtc.Zip(periods.StartsUtc.Skip(1)), p => p.Second - p.First == TimeSpan.FromHours(23));
    }

    [Fact]
    public void Zones_get_a_short_name_and_an_offset_for_labels()
    {
        Assert.Equal("UTC", DashboardTime.ShortName(DashboardTime.Zone(null)));
        Assert.Equal("UTC", DashboardTime.ShortName(DashboardTime.Zone("Not/AZone")));
        Assert.Equal("New York", DashboardTime.ShortName(DashboardTime.Zone("America/New_York")));
        var kolkata = DashboardTime.Zone("Asia/Kolkata");
        Assert.Equal("UTC+5:30", DashboardTime.Offset(kolkata, new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
        var newYork = DashboardTime.Zone("America/New_York");
        Assert.Equal("UTC−4", DashboardTime.Offset(newYork, new DateTime(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("UTC−5", DashboardTime.Offset(newYork, new DateTime(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void Csv_cells_are_quoted_and_formulas_defused()
    {
        Assert.Equal("plain", DashboardCsv.Cell("plain"));
        Assert.Equal("\"a,b\"", DashboardCsv.Cell("a,b"));
        Assert.Equal("\"say \"\"hi\"\"\"", DashboardCsv.Cell("say \"hi\""));
        Assert.Equal("'=HYPERLINK(1)", DashboardCsv.Cell("=HYPERLINK(1)"));
        Assert.Equal("-3.5", DashboardCsv.Cell("-3.5"));
    }
}
