using Coop.Domain.ChildSafety;
using Coop.Infrastructure.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Infrastructure.ChildSafety;

public static class CyberTiplineServices
{
    /// <summary>The CyberTipline client (typed HttpClient "cybertipline"), its options and the report validator.</summary>
    public static IServiceCollection AddCyberTipline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CyberTiplineOptions>().Bind(configuration.GetSection(CyberTiplineOptions.SectionName))
            .ValidateDataAnnotations()
            .Validate(o => o.Timeout > TimeSpan.Zero && o.UploadTimeout > TimeSpan.Zero, "CyberTipline:Timeout and CyberTipline:UploadTimeout must be positive.")
            .ValidateOnStart();
        services.AddSingleton<ICyberTipReportValidator, CyberTipReportValidator>();
        // Through the outbound guard like every other outbound client (the base URLs come from configuration, so a
        // private address must be allowed in Outbound:AllowedNetworks). Basic credentials never follow a redirect.
        services.AddHttpClient<ICyberTiplineClient, CyberTiplineClient>(CyberTiplineClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .UseOutboundGuard(followRedirects: false, connectTimeout: TimeSpan.FromSeconds(15));
        return services;
    }
}
