namespace Coop.Domain.Dashboards;

/// <summary>
/// One daily roll-up cell: the sum (for <see cref="DashboardSeries.QueueDepth"/>, the highest level) of the organization's
/// hourly <see cref="DashboardCounter"/> cells whose UTC hour starts on one local day in the organization's dashboard time
/// zone (<see cref="DashboardDailyState.TimeZone"/>), with the same series and keys. Week and month charts and the
/// transparency report read whole local days here instead of up to 720 hourly cells per key; <see cref="RollupPlan"/> says
/// which days come from here and which hours from the hourly cells.
/// </summary>
public sealed class DashboardDailyCounter
{
    private DashboardDailyCounter()
    {
    }

    public string OrganizationId { get; private set; } = string.Empty;

    /// <summary>One of <see cref="DashboardSeries"/>.</summary>
    public string Series { get; private set; } = string.Empty;

    /// <summary>The UTC instant the local day starts (local midnight, or the first valid instant when midnight is skipped).</summary>
    public DateTime DayStart { get; private set; }

    public string Key1 { get; private set; } = string.Empty;

    public string Key2 { get; private set; } = string.Empty;

    public long Value { get; private set; }
}

/// <summary>
/// The time zone an organization's daily roll-up cells are built in. Written by the roll-up job when it (re)builds the
/// daily cells; the incremental writer and the readers use this zone (not the configured one) so they always agree with
/// the table. When the configured zone differs, the job rebuilds the organization's daily cells from the hourly ones.
/// </summary>
public sealed class DashboardDailyState
{
    public const int TimeZoneMaxLength = 64;

    private DashboardDailyState()
    {
    }

    public string OrganizationId { get; private set; } = string.Empty;

    /// <summary>An IANA (or Windows) zone id.</summary>
    public string TimeZone { get; private set; } = "UTC";

    public DateTime BuiltAt { get; private set; }

    public static DashboardDailyState Create(string organizationId, string timeZone, DateTime builtAtUtc) =>
        new() { OrganizationId = organizationId, TimeZone = timeZone, BuiltAt = DateTime.SpecifyKind(builtAtUtc, DateTimeKind.Utc) };

    public void Rebuilt(string timeZone, DateTime builtAtUtc)
    {
        TimeZone = timeZone;
        BuiltAt = DateTime.SpecifyKind(builtAtUtc, DateTimeKind.Utc);
    }
}
