using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace Coop.Web.Account;

/// <summary>
/// Checks every cookie-authenticated request against the database: a deactivated user is signed out, and a
/// principal built before a role or permission change is rebuilt (and the cookie renewed), so HTTP requests see
/// permission changes immediately. Identity's periodic security-stamp check still runs first.
/// </summary>
internal sealed class AccessCheckingCookieEvents : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        await SecurityStampValidator.ValidatePrincipalAsync(context);
        if (context.Principal?.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value is not { } userId)
        {
            return;
        }

        var services = context.HttpContext.RequestServices;
        // Not the request's abort token: a browser closing a tab sends Blazor's /_blazor/disconnect beacon and does not wait for
        // the answer, and cancelling this lookup then failed the beacon (500), so the circuit stayed alive for its retention
        // period, still renewing its reviewer's claim. The lookup is one indexed row.
        var current = await AccessStamps.CurrentAsync(services.GetRequiredService<CoopDbContext>(), userId, CancellationToken.None);
        if (current is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }

        if (current == context.Principal.FindFirst(CoopClaimTypes.AccessStamp)?.Value)
        {
            return;
        }

        var user = await services.GetRequiredService<UserManager<CoopUser>>().FindByIdAsync(userId);
        if (user is null)
        {
            context.RejectPrincipal();
            return;
        }

        var fresh = await services.GetRequiredService<SignInManager<CoopUser>>().CreateUserPrincipalAsync(user);

        // Keep the authentication method claims (amr) the sign-in added.
        foreach (var claim in context.Principal.FindAll("amr"))
        {
            ((System.Security.Claims.ClaimsIdentity)fresh.Identity!).AddClaim(new System.Security.Claims.Claim(claim.Type, claim.Value));
        }

        context.ReplacePrincipal(fresh);
        context.ShouldRenew = true;
    }
}
