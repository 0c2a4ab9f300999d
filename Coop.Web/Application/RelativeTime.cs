using System.Globalization;

namespace Coop.Web.Application;

/// <summary>How lists say when something happened: "just now", "5 min ago", "3 h ago", then the day.</summary>
public static class RelativeTime
{
    public static string Ago(DateTime atUtc, DateTime nowUtc)
    {
        var age = nowUtc - atUtc;
        return age.TotalMinutes < 1 ? "just now"
            : age.TotalHours < 1 ? $"{(int)age.TotalMinutes} min ago"
            : age.TotalDays < 1 ? $"{(int)age.TotalHours} h ago"
            : atUtc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }
}
