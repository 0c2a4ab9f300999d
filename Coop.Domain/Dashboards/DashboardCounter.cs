namespace Coop.Domain.Dashboards;

/// <summary>
/// One roll-up cell: a count (or a sum) for one organization, series, UTC hour and up to two keys (e.g. queue and decision
/// kind, reviewer and histogram bucket, policy and action). Dashboards read these instead of the source tables, so a tile
/// costs a short index range whatever the history. Decisions, job openings, claims and skips add to them as they happen
/// (<c>RollupWriter</c>); <c>DashboardRollupJob</c> recomputes the recent hours from the sources so both paths agree.
/// </summary>
public sealed class DashboardCounter
{
    public const int KeyMaxLength = 160;

    private DashboardCounter()
    {
    }

    public string OrganizationId { get; private set; } = string.Empty;

    /// <summary>One of <see cref="DashboardSeries"/>.</summary>
    public string Series { get; private set; } = string.Empty;

    /// <summary>The UTC hour the events fell in (minutes, seconds zero).</summary>
    public DateTime HourStart { get; private set; }

    public string Key1 { get; private set; } = string.Empty;

    public string Key2 { get; private set; } = string.Empty;

    public long Value { get; private set; }

    public static DashboardCounter Create(string organizationId, string series, DateTime hourStart, string key1, string key2, long value) =>
        new()
        {
            OrganizationId = organizationId,
            Series = series,
            HourStart = DashboardTime.HourOf(hourStart),
            Key1 = key1,
            Key2 = key2,
            Value = value,
        };
}

/// <summary>A change to one roll-up cell.</summary>
public readonly record struct CounterDelta(string OrganizationId, string Series, DateTime HourStart, string Key1, string Key2, long Value)
{
    public (string, string, DateTime, string, string) Key => (OrganizationId, Series, HourStart, Key1, Key2);
}

/// <summary>The series of <see cref="DashboardCounter"/>; keys in brackets.</summary>
public static class DashboardSeries
{
    /// <summary>Jobs opened [queue].</summary>
    public const string QueueArrivals = "q.arrivals";

    /// <summary>Decisions [queue, decision kind].</summary>
    public const string QueueDecisions = "q.decisions";

    /// <summary>Time from job creation to its first claim, histogram [queue, bucket].</summary>
    public const string QueueClaimWait = "q.claimwait";

    /// <summary>Time from job creation to decision, histogram [queue, bucket].</summary>
    public const string QueueDecideWait = "q.decidewait";

    /// <summary>Skips [queue].</summary>
    public const string QueueSkips = "q.skips";

    /// <summary>Pending jobs at the last snapshot of the hour [queue] (a level, not a sum; written by the job only).</summary>
    public const string QueueDepth = "q.depth";

    /// <summary>Decisions [reviewer, decision kind].</summary>
    public const string ReviewerDecisions = "r.decisions";

    /// <summary>Time from the reviewer's claim to their decision, histogram [reviewer, bucket].</summary>
    public const string ReviewerHandle = "r.handle";

    /// <summary>Skips [reviewer].</summary>
    public const string ReviewerSkips = "r.skips";

    /// <summary>Action executions by people (decisions, console, bulk, appeal reversals) [policy or "", action].</summary>
    public const string ActionsManual = "a.manual";

    /// <summary>Action executions by automation (rules, post-actions, strike thresholds) [policy or "", action].</summary>
    public const string ActionsAutomated = "a.auto";

    /// <summary>Reports received [policy or ""].</summary>
    public const string Reports = "o.reports";

    /// <summary>Appeals received [].</summary>
    public const string Appeals = "o.appeals";

    /// <summary>Appeals decided [outcome: upheld (original stands) / overturned].</summary>
    public const string AppealsDecided = "o.appeals.decided";

    /// <summary>Strike thresholds fired (one per threshold crossing) [].</summary>
    public const string StrikeThresholds = "o.strikes";

    /// <summary>Time from job creation to an Action decision, histogram [bucket] (the transparency report's time to action).</summary>
    public const string TimeToAction = "o.tta";

    public const string Overturned = "overturned";
    public const string Upheld = "upheld";

    /// <summary>Every series the roll-up job recomputes from the sources (all but the depth snapshots).</summary>
    public static readonly IReadOnlyList<string> Recomputed =
    [
        QueueArrivals, QueueDecisions, QueueClaimWait, QueueDecideWait, QueueSkips, ReviewerDecisions, ReviewerHandle, ReviewerSkips,
        ActionsManual, ActionsAutomated, Reports, Appeals, AppealsDecided, StrikeThresholds, TimeToAction,
    ];
}

/// <summary>Hour buckets and local-time windows for dashboards.</summary>
public static class DashboardTime
{
    /// <summary>The start of the UTC hour <paramref name="utc"/> falls in.</summary>
    public static DateTime HourOf(DateTime utc)
    {
        var u = utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : utc;
        return new DateTime(u.Year, u.Month, u.Day, u.Hour, 0, 0, DateTimeKind.Utc);
    }

    /// <summary>The local calendar day (in <paramref name="zone"/>) an instant falls on.</summary>
    public static DateOnly LocalDay(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    /// <summary>The UTC instant a local day starts at (midnight local; the first valid instant on a day whose midnight is skipped).</summary>
    public static DateTime LocalDayStartUtc(DateOnly day, TimeZoneInfo zone)
    {
        var local = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }

    /// <summary>A short name for a zone on screen: "UTC", or the place of an IANA id ("America/New_York" → "New York").</summary>
    public static string ShortName(TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (zone.Id is "UTC" or "Etc/UTC" or "Etc/Universal" or "Universal" or "Zulu" || (zone.BaseUtcOffset == TimeSpan.Zero && !zone.SupportsDaylightSavingTime))
        {
            return "UTC";
        }

        var slash = zone.Id.LastIndexOf('/');
        return (slash >= 0 ? zone.Id[(slash + 1)..] : zone.Id).Replace('_', ' ');
    }

    /// <summary>The UTC offset at an instant in a zone, e.g. "UTC−4", "UTC+5:30".</summary>
    public static string Offset(TimeZoneInfo zone, DateTime utc)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var offset = zone.GetUtcOffset(DateTime.SpecifyKind(utc, DateTimeKind.Utc));
        var sign = offset < TimeSpan.Zero ? "−" : "+";
        var abs = offset.Duration();
        return abs.Minutes == 0
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"UTC{sign}{abs.Hours}")
            : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"UTC{sign}{abs.Hours}:{abs.Minutes:00}");
    }

    /// <summary>Resolves an IANA or Windows zone id, UTC when unknown.</summary>
    public static TimeZoneInfo Zone(string? id)
    {
        if (!string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone))
        {
            return zone;
        }

        return TimeZoneInfo.Utc;
    }
}
