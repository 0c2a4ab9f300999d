using System.Globalization;

namespace Coop.Web.Features.Dashboards;

/// <summary>How dashboards write durations, counts and rates.</summary>
public static class DashboardFormat
{
    public static string Duration(TimeSpan? value)
    {
        if (value is not { } d)
        {
            return "—";
        }

        return d.TotalSeconds switch
        {
            < 60 => $"{d.TotalSeconds:0}s",
            < 3600 => $"{(int)d.TotalMinutes}m {d.Seconds:00}s",
            < 86400 => $"{(int)d.TotalHours}h {d.Minutes:00}m",
            _ => $"{(int)d.TotalDays}d {d.Hours}h",
        };
    }

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Percent(double? rate) => rate is { } r ? (r * 100).ToString("0.#", CultureInfo.InvariantCulture) + "%" : "—";
}
