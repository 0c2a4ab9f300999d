namespace Coop.Domain.Common;

/// <summary>
/// Revision timestamps of versioned configuration: UTC, whole microseconds (what every provider stores
/// exactly), and strictly increasing per entity even when two edits share a clock tick.
/// </summary>
public static class Versions
{
    public static DateTime Next(DateTime? previous, DateTime nowUtc)
    {
        var now = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        now = new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
        return previous is { } p && now <= p ? DateTime.SpecifyKind(p.AddTicks(10), DateTimeKind.Utc) : now;
    }

    /// <summary>The version as Coop 1.0 shows it: an ISO 8601 timestamp.</summary>
    public static string Format(DateTime version) =>
        version.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
}
