using Coop.Web.Api;

namespace Coop.Web.Features.Reports;

public static class ReportServices
{
    /// <summary>The report and appeal endpoints.</summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddSingleton<IActionDirectory, ActionDirectory>();
        services.AddSingleton<IApiModule, ReportsApi>();
        services.AddSingleton<ReportAnnouncer>();
        return services;
    }
}
