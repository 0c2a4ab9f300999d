using Coop.Infrastructure.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace Coop.Web.Account;

internal static class AccountEndpoints
{
    /// <summary>Sign-out is a POST with an antiforgery token, so no other site can sign a moderator out.</summary>
    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        // Binding a form field makes the antiforgery middleware validate the request's token.
        endpoints.MapPost("/account/logout", async ([FromForm] string? returnUrl, SignInManager<CoopUser> signInManager, ILogger<SignInManager<CoopUser>> logger, HttpContext context) =>
            {
                var userId = context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value;
                await signInManager.SignOutAsync();
                logger.LogInformation("User {UserId} signed out", userId);
                return TypedResults.LocalRedirect("~/account/login?signedOut=true");
            })
            .RequireAuthorization();
        endpoints.MapSsoEndpoints();
        return endpoints;
    }
}
