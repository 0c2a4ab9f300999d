using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace Coop.Web.Features.Administration.Sso;

/// <summary>
/// Builds the OpenID Connect options of an <c>sso-{organization}</c> scheme from <see cref="SsoSchemes"/>: authorization
/// code flow with PKCE, the answer in the query string (so the correlation cookies can be SameSite=Lax), no inbound claim
/// mapping, the external Identity cookie as sign-in scheme, and the backchannel (discovery, keys, token) through the
/// outbound address policy. <see cref="OpenIdConnectPostConfigureOptions"/> runs after this for the rest.
/// </summary>
internal sealed class SsoOpenIdConnectOptionsSetup(SsoSchemes schemes, IHttpClientFactory httpClients, IOptions<SsoOptions> ssoOptions)
    : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public void Configure(OpenIdConnectOptions options)
    {
    }

    public void Configure(string? name, OpenIdConnectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (name is null || !name.StartsWith(SsoSchemes.SchemePrefix, StringComparison.Ordinal))
        {
            return;
        }

        var organizationId = name[SsoSchemes.SchemePrefix.Length..];
        options.CallbackPath = SsoSchemes.CallbackPathFor(organizationId);
        options.SignedOutCallbackPath = "/signout-callback-oidc/" + organizationId;
        options.RemoteSignOutPath = "/signout-oidc/" + organizationId;
        options.SignInScheme = IdentityConstants.ExternalScheme;
        if (schemes.Find(organizationId) is not { } provider)
        {
            // Switched off between the request and now: an empty configuration makes any attempt fail cleanly.
            options.Configuration = new OpenIdConnectConfiguration();
            return;
        }

        options.Authority = provider.Authority;
        options.ClientId = provider.ClientId;
        options.ClientSecret = provider.ClientSecret;
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.ResponseMode = OpenIdConnectResponseMode.Query;
        options.UsePkce = true;
        options.Scope.Clear();
        foreach (var scope in provider.Scopes)
        {
            options.Scope.Add(scope);
        }

        options.MapInboundClaims = false;
        options.GetClaimsFromUserInfoEndpoint = true;
        options.SaveTokens = false;
        options.TokenValidationParameters.NameClaimType = "name";
        options.RequireHttpsMetadata = !ssoOptions.Value.AllowHttpAuthority;
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SameSite = SameSiteMode.Lax;

        var backchannel = httpClients.CreateClient(SsoServices.HttpClientName);
        backchannel.Timeout = TimeSpan.FromSeconds(30);
        options.Backchannel = backchannel;

        options.Events = new OpenIdConnectEvents
        {
            OnRemoteFailure = context =>
            {
                context.HttpContext.RequestServices.GetRequiredService<ILogger<SsoOpenIdConnectOptionsSetup>>()
                    .LogWarning(context.Failure, "Single sign-on for organization {OrganizationId} failed at the provider step", organizationId);
                context.Response.Redirect("/account/login?sso=" + SsoRefusal.Failed.Code());
                context.HandleResponse();
                return Task.CompletedTask;
            },
            OnAccessDenied = context =>
            {
                context.Response.Redirect("/account/login?sso=" + SsoRefusal.Failed.Code());
                context.HandleResponse();
                return Task.CompletedTask;
            },
        };
    }
}
