using Coop.Domain.ChildSafety;
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
        services.AddHttpClient<ICyberTiplineClient, CyberTiplineClient>(CyberTiplineClient.HttpClientName, c => c.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                // Basic credentials must never follow a redirect to another host.
                AllowAutoRedirect = false,
                UseCookies = false,
                ConnectTimeout = TimeSpan.FromSeconds(15),
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            });
        return services;
    }
}
