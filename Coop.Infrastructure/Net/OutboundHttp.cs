using Microsoft.Extensions.DependencyInjection;

namespace Coop.Infrastructure.Net;

/// <summary>Named clients for calls to addresses that come from configuration or data (webhooks, media).</summary>
public static class OutboundHttp
{
    /// <summary>Action and other callbacks: redirects are not followed (a signed POST goes only where it was configured).</summary>
    public const string Webhooks = "webhooks";

    /// <summary>Media fetches: redirects are followed; every hop's connection passes the same address check.</summary>
    public const string Media = "media";

    /// <summary>Outbound policy, the guard, and the two named clients. Other adapters can add more with <see cref="AddOutboundHttpClient"/>.</summary>
    public static IServiceCollection AddOutboundHttp(this IServiceCollection services, Microsoft.Extensions.Configuration.IConfiguration configuration)
    {
        services.AddOptions<OutboundOptions>().Bind(configuration.GetSection(OutboundOptions.SectionName))
            .Validate(o => TryBuild(o), "Outbound:AllowedNetworks must hold CIDR blocks such as 10.0.0.0/8.")
            .ValidateOnStart();
        services.AddSingleton<IOutboundAllowListSource, OrganizationAllowListSource>();
        services.AddSingleton<OutboundConnectGuard>();
        services.AddTransient<OutboundSchemeHandler>();
        services.AddTransient<OutboundResponseLimitHandler>();
        services.AddOutboundHttpClient(Webhooks, followRedirects: false);
        services.AddOutboundHttpClient(Media, followRedirects: true, capResponses: false);
        return services;
    }

    /// <summary>
    /// A named client whose every connection is checked by <see cref="OutboundConnectGuard"/>; unless
    /// <paramref name="capResponses"/> is false (media, whose callers cap and stream themselves), response bodies are
    /// capped by <see cref="OutboundResponseLimitHandler"/>.
    /// </summary>
    public static IHttpClientBuilder AddOutboundHttpClient(this IServiceCollection services, string name, bool followRedirects, bool capResponses = true) =>
        services.AddHttpClient(name, c => c.Timeout = Timeout.InfiniteTimeSpan).UseOutboundGuard(followRedirects, capResponses);

    /// <summary>
    /// Puts a client (named or typed) behind the outbound guard: only http and https, every connection's address checked
    /// after DNS resolution (redirect hops included), no proxy, no cookies, and optionally capped response bodies.
    /// </summary>
    public static IHttpClientBuilder UseOutboundGuard(this IHttpClientBuilder builder, bool followRedirects, bool capResponses = true, TimeSpan? connectTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddHttpMessageHandler<OutboundSchemeHandler>();
        if (capResponses)
        {
            builder.AddHttpMessageHandler<OutboundResponseLimitHandler>();
        }

        return builder.ConfigurePrimaryHttpMessageHandler(sp =>
        {
            var guard = sp.GetRequiredService<OutboundConnectGuard>();
            return new SocketsHttpHandler
            {
                // A proxy would make the guard check the proxy's address instead of the target's.
                UseProxy = false,
                UseCookies = false,
                AllowAutoRedirect = followRedirects,
                MaxAutomaticRedirections = 5,
                ConnectTimeout = connectTimeout ?? TimeSpan.FromSeconds(10),
                PooledConnectionLifetime = TimeSpan.FromMinutes(2),
                ConnectCallback = guard.ConnectAsync,
            };
        });
    }

    private static bool TryBuild(OutboundOptions options)
    {
        try
        {
            _ = new OutboundAddressPolicy(options.AllowedNetworks);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
