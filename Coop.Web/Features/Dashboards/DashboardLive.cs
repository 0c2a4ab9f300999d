namespace Coop.Web.Features.Dashboards;

/// <summary>Dashboard live events: the roll-up job announces each run so open dashboards re-read the tiles it corrects.</summary>
public static class DashboardLive
{
    public const string RollupsChanged = "dashboard.rollups";

    public static string Topic(string organizationId) => $"org/{organizationId}/dashboards";
}
