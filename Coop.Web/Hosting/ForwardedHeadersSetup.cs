using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Coop.Web.Hosting;

/// <summary>
/// The <c>ForwardedHeaders</c> section: behind a reverse proxy that terminates TLS, honour <c>X-Forwarded-For</c> and
/// <c>X-Forwarded-Proto</c>, but only from the proxies named here (and loopback), so a client that reaches the app
/// directly cannot pretend to be someone else or to have used https.
/// </summary>
public sealed class ForwardedHeadersSettings
{
    public const string SectionName = "ForwardedHeaders";

    /// <summary>Honour the forwarded headers at all (off by default: the app is then reached directly).</summary>
    public bool Enabled { get; set; }

    /// <summary>Addresses of the proxies (e.g. <c>10.0.0.5</c>), besides loopback, which is always trusted.</summary>
    public IList<string> KnownProxies { get; } = [];

    /// <summary>CIDR blocks the proxies are in (e.g. <c>172.30.80.0/24</c> for a compose network).</summary>
    public IList<string> KnownNetworks { get; } = [];

    /// <summary>How many proxies in a row to unwind from the end of <c>X-Forwarded-For</c>.</summary>
    [Range(1, 10)]
    public int ForwardLimit { get; set; } = 1;
}

public static class ForwardedHeadersSetup
{
    public static IServiceCollection AddCoopForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ForwardedHeadersSettings>().Bind(configuration.GetSection(ForwardedHeadersSettings.SectionName))
            .ValidateDataAnnotations()
            .Validate(s => s.KnownProxies.All(p => IPAddress.TryParse(p, out _)), "ForwardedHeaders:KnownProxies must be IP addresses.")
            .Validate(s => s.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)), "ForwardedHeaders:KnownNetworks must be CIDR blocks such as 10.0.0.0/8.")
            .ValidateOnStart();

        // Registered after the host's own setup (ASPNETCORE_FORWARDEDHEADERS_ENABLED, which trusts any sender), so with
        // ForwardedHeaders:Enabled the lists below are the only ones in force.
        services.AddSingleton<IConfigureOptions<ForwardedHeadersOptions>>(sp => new ConfigureOptions<ForwardedHeadersOptions>(options =>
        {
            var settings = sp.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value;
            if (!settings.Enabled)
            {
                return;
            }

            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.ForwardLimit = settings.ForwardLimit;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse("127.0.0.0/8"));
            options.KnownProxies.Add(IPAddress.IPv6Loopback);
            foreach (var proxy in settings.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }

            foreach (var network in settings.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
            }
        }));
        return services;
    }

    /// <summary>First in the pipeline, so everything after it (cookies, redirects, request logs) sees the client's scheme and address.</summary>
    public static WebApplication UseCoopForwardedHeaders(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersSettings>>().Value.Enabled)
        {
            app.UseForwardedHeaders();
        }

        return app;
    }
}
