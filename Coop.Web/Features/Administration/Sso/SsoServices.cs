using Coop.Infrastructure.Net;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Coop.Web.Features.Administration.Sso;

public static class SsoServices
{
    /// <summary>The outbound client for the providers' discovery, keys and token endpoints (no redirects followed).</summary>
    public const string HttpClientName = "sso";

    /// <summary>Runtime OpenID Connect schemes per organization, the settings use cases' helpers, and the sign-in linker.</summary>
    public static IServiceCollection AddSingleSignOn(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SsoOptions>().Bind(configuration.GetSection(SsoOptions.SectionName));
        services.AddSingleton<SsoSchemes>();
        services.AddSingleton<SsoDiscoveryProbe>();
        services.AddSingleton<SsoPasswordGate>();
        services.AddScoped<SsoAccountLinker>();
        services.AddOutboundHttpClient(HttpClientName, followRedirects: false);

        // What AddOpenIdConnect would register, without a scheme: schemes are added per organization at runtime.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<OpenIdConnectOptions>, SsoOpenIdConnectOptionsSetup>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<OpenIdConnectOptions>, OpenIdConnectPostConfigureOptions>());
        return services;
    }

    /// <summary>
    /// Before authentication runs on a sign-in request (challenge or the provider's callback), reloads the schemes if
    /// the snapshot is stale, so a change saved on another node applies there too.
    /// </summary>
    public static IApplicationBuilder UseSingleSignOn(this IApplicationBuilder app) =>
        app.Use(static async (context, next) =>
        {
            var path = context.Request.Path;
            if (path.StartsWithSegments("/signin-oidc") || path.StartsWithSegments("/account/sso") || path.StartsWithSegments("/account/login"))
            {
                await context.RequestServices.GetRequiredService<SsoSchemes>().GetAsync(context.RequestAborted);
            }

            await next(context);
        });
}
