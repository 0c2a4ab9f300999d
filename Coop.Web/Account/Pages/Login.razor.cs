using System.ComponentModel.DataAnnotations;
using Coop.Infrastructure.Identity;
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
