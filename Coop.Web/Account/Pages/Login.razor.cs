using System.ComponentModel.DataAnnotations;
using Coop.Infrastructure.Identity;
using Coop.Web.Features.Administration.Sso;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace Coop.Web.Account.Pages;

public sealed partial class Login
{
    private string? errorMessage;

    [Inject]
    private SignInManager<CoopUser> SignInManager { get; set; } = default!;

    [Inject]
    private Features.Administration.Audit.SignInAuditor Auditor { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<Login> Logger { get; set; } = default!;

    [Inject]
    private SsoSchemes Sso { get; set; } = default!;

    [Inject]
    private SsoPasswordGate SsoPasswordGate { get; set; } = default!;

    private IReadOnlyList<SsoProvider> ssoProviders = [];

    /// <summary>The <c>?sso=</c> refusal code the single sign-on flow came back with.</summary>
    [SupplyParameterFromQuery(Name = "sso")]
    private string? SsoError { get; set; }

    /// <summary><c>?local=1</c> shows the password form even when single sign-on is the only way (break-glass).</summary>
    [SupplyParameterFromQuery(Name = "local")]
    private int Local { get; set; }

    private string? SsoMessage => SsoRefusals.Message(SsoError);

    private bool HidePasswordForm => Local != 1 && ssoProviders.Count > 0 && ssoProviders.All(p => p.SsoOnly);

    private string SsoHref(SsoProvider provider) =>
        $"/account/sso/{Uri.EscapeDataString(provider.OrganizationId)}?returnUrl={Uri.EscapeDataString(SafeReturnUrl(ReturnUrl))}";

    [CascadingParameter]
    private HttpContext HttpContext { get; set; } = default!;

    [SupplyParameterFromForm]
    private LoginInput? Input { get; set; }

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    [SupplyParameterFromQuery]
    private bool SignedOut { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new LoginInput();
        ssoProviders = [.. (await Sso.GetAsync(HttpContext.RequestAborted)).Values.OrderBy(p => p.OrganizationName, StringComparer.OrdinalIgnoreCase)];
        if (HttpMethods.IsGet(HttpContext.Request.Method))
        {
            // Clear any half-finished external sign-in so this one starts clean.
            await HttpContext.SignOutAsync(IdentityConstants.ExternalScheme);
        }
    }

    private async Task SignInAsync()
    {
        var password = Input!.Password;
        Input.Password = string.Empty; // never echo a password back into the page
        if (!await SsoPasswordGate.AllowsPasswordAsync(Input.Email, HttpContext.RequestAborted))
        {
            Logger.LogInformation("Password sign-in refused: the organization signs in with single sign-on only");
            errorMessage = "Your organization signs in with single sign-on only. Use the single sign-on button.";
            return;
        }

        var result = await SignInManager.PasswordSignInAsync(Input.Email.Trim(), password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            Logger.LogInformation("A user signed in");
            await Auditor.SignedInAsync(Input.Email, "a password");
            Navigation.NavigateTo(SafeReturnUrl(ReturnUrl));
            return;
        }

        if (result.RequiresTwoFactor)
        {
            Navigation.NavigateTo($"/account/login-2fa?rememberMe={Input.RememberMe}&returnUrl={Uri.EscapeDataString(SafeReturnUrl(ReturnUrl))}");
            return;
        }

        if (result.IsNotAllowed)
        {
            Logger.LogInformation("Sign-in refused: the account is deactivated");
            errorMessage = "This account is deactivated. Ask an administrator.";
            return;
        }

        if (result.IsLockedOut)
        {
            Logger.LogWarning("Sign-in refused: the account is locked out");
            await Auditor.FailedAsync(Input.Email, lockedOut: true);
            errorMessage = "This account is locked after repeated failed sign-ins. Try again in 15 minutes, or ask an administrator.";
            return;
        }

        Logger.LogInformation("Sign-in failed");
        await Auditor.FailedAsync(Input.Email, lockedOut: false);
        errorMessage = "The email or password is wrong.";
    }

    internal static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal) && !returnUrl.StartsWith("/account/", StringComparison.OrdinalIgnoreCase)
            ? returnUrl
            : "/";

    private sealed class LoginInput
    {
        [Required(ErrorMessage = "Enter your email.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Enter your password.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = string.Empty;

        public bool RememberMe { get; set; }
    }
}
