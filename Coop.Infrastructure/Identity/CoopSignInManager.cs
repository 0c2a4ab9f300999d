using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coop.Infrastructure.Identity;

/// <summary>
/// Identity's sign-in manager with Coop's two additions: a deactivated user may not sign in by any method
/// (password, two-factor, external login), and every successful sign-in records the time on the user.
/// </summary>
public sealed class CoopSignInManager(
    UserManager<CoopUser> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<CoopUser> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<CoopUser>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<CoopUser> confirmation,
    TimeProvider time)
    : SignInManager<CoopUser>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override async Task<bool> CanSignInAsync(CoopUser user)
    {
        if (user.IsDeactivated)
        {
            Logger.LogInformation("Sign-in refused: user {UserId} is deactivated", user.Id);
            return false;
        }

        return await base.CanSignInAsync(user);
    }

    public override async Task SignInWithClaimsAsync(CoopUser user, AuthenticationProperties? authenticationProperties, IEnumerable<Claim> additionalClaims)
    {
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
        user.LastSignInAt = time.GetUtcNow().UtcDateTime;
        await UserManager.UpdateAsync(user);
    }
}
