using Coop.Domain.Dashboards;

namespace Coop.Web.Features.Dashboards.Rollups;

/// <summary>
/// The time zone an organization's daily roll-ups are kept in (its "reporting day"): <c>Dashboards:TimeZones:&lt;organization
/// id&gt;</c>, else <c>Dashboards:TimeZone</c>, else UTC (IANA or Windows ids; an unknown id is UTC). Charts and reports viewed
/// in this zone read whole days from the daily cells; any other zone reads the hourly cells. When it changes, the roll-up job
/// rebuilds the organization's daily cells on its next run.
/// </summary>
public static class DashboardZones
{
    public static TimeZoneInfo Configured(IConfiguration configuration, string organizationId)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var id = configuration[$"Dashboards:TimeZones:{organizationId}"];
        return DashboardTime.Zone(string.IsNullOrWhiteSpace(id) ? configuration["Dashboards:TimeZone"] : id);
    }
}
