using Bunit;
using Bunit.TestDoubles;
using MudBlazor.Services;

namespace Coop.Tests.Support;

/// <summary>Base for bUnit tests: MudBlazor services without transitions, loose JS interop, fake authorization.</summary>
public abstract class CoopComponentTest : BunitContext
{
    protected CoopComponentTest()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices(o =>
        {
            o.SnackbarConfiguration.ShowTransitionDuration = 0;
            o.SnackbarConfiguration.HideTransitionDuration = 0;
            o.PopoverOptions.CheckForPopoverProvider = false;
        });
        Authorization = AddAuthorization();
    }

    protected BunitAuthorizationContext Authorization { get; }

    /// <summary>Signs in a user holding exactly these permissions (as policies, which is what pages check, and as the permission claims the policies read).</summary>
    protected void SignInWith(params string[] permissions) =>
        Authorization.SetAuthorized("someone@example.org").SetPolicies(permissions)
            .SetClaims([.. permissions.Select(p => new System.Security.Claims.Claim(Coop.Domain.Authorization.Permissions.ClaimType, p))]);
}
