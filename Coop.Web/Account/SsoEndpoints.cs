using Coop.Infrastructure.Identity;
using Coop.Web.Account.Pages;
using Coop.Web.Features.Administration.Sso;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace Coop.Web.Account;

/// <summary>
/// Single sign-on: <c>GET /account/sso/{organization}</c> starts the provider's sign-in; the provider returns to the
/// scheme's <c>/signin-oidc/{organization}</c>, which stores the identity in the external cookie and comes on to
/// <c>/account/sso/complete</c>, which finds, links or creates the Coop user and signs them in with the Coop cookie.
/// </summary>
internal static class SsoEndpoints
{
    private const string OrganizationItem = "coop:sso-org";

    public static IEndpointRouteBuilder MapSsoEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/account/sso/complete", CompleteAsync).AllowAnonymous();
        endpoints.MapGet("/account/sso/{organizationId}", async (string organizationId, string? returnUrl, SsoSchemes schemes, HttpContext context) =>
            {
                var providers = await schemes.GetAsync(context.RequestAborted);
                if (!providers.TryGetValue(organizationId, out var provider))
                {
                    return Results.LocalRedirect("~/account/login?sso=" + SsoRefusal.Disabled.Code());
                }

                var properties = new AuthenticationProperties
                {
                    RedirectUri = "/account/sso/complete?returnUrl=" + Uri.EscapeDataString(Login.SafeReturnUrl(returnUrl)),
                };
                properties.Items[OrganizationItem] = organizationId;
                return Results.Challenge(properties, [provider.Scheme]);
            })
            .AllowAnonymous();
        return endpoints;
    }

    private static async Task<IResult> CompleteAsync(
        string? returnUrl, HttpContext context, SsoAccountLinker linker, SignInManager<CoopUser> signInManager, ILogger<SsoAccountLinker> logger)
    {
        var external = await context.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded || external.Properties?.Items.TryGetValue(OrganizationItem, out var organizationId) != true || organizationId is null)
        {
            return Results.LocalRedirect("~/account/login?sso=" + SsoRefusal.Failed.Code());
        }

        var result = await linker.ResolveAsync(organizationId, external.Principal!, context.RequestAborted);
        if (result.User is not { } user)
        {
            logger.LogInformation("Single sign-on refused for organization {OrganizationId}: {Refusal}", organizationId, result.Refusal);
            return Results.LocalRedirect("~/account/login?sso=" + (result.Refusal ?? SsoRefusal.Failed).Code());
        }

        await signInManager.SignInAsync(user, isPersistent: false, authenticationMethod: "oidc");
        logger.LogInformation("User {UserId} signed in through single sign-on", user.Id);
        return Results.LocalRedirect("~" + Login.SafeReturnUrl(returnUrl));
    }
}
