using System.ComponentModel.DataAnnotations;
using Coop.Infrastructure.Identity;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Identity;

namespace Coop.Web.Account.Pages;

/// <summary>The second step of a local sign-in for users with two-factor on: an authenticator (TOTP) code or a recovery code.</summary>
public sealed partial class LoginWith2fa
{
    private string? errorMessage;

    [Inject]
    private SignInManager<CoopUser> SignInManager { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ILogger<LoginWith2fa> Logger { get; set; } = default!;

    [SupplyParameterFromForm]
    private TwoFactorInput? Input { get; set; }

    [SupplyParameterFromQuery]
    private string? ReturnUrl { get; set; }

    [SupplyParameterFromQuery]
    private bool RememberMe { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new TwoFactorInput { RememberMe = RememberMe };
        if (await SignInManager.GetTwoFactorAuthenticationUserAsync() is null)
        {
            Navigation.NavigateTo("/account/login");
        }
    }

    private async Task VerifyAsync()
    {
        var code = Input!.Code.Replace(" ", string.Empty, StringComparison.Ordinal).Replace("-", string.Empty, StringComparison.Ordinal);
        Input.Code = string.Empty;
        var result = code.Length == 6 && code.All(char.IsAsciiDigit)
            ? await SignInManager.TwoFactorAuthenticatorSignInAsync(code, Input.RememberMe, rememberClient: false)
            : await SignInManager.TwoFactorRecoveryCodeSignInAsync(code);
        if (result.Succeeded)
        {
            Logger.LogInformation("A user signed in with two-factor");
            Navigation.NavigateTo(Login.SafeReturnUrl(ReturnUrl));
            return;
        }

        errorMessage = result.IsLockedOut
            ? "This account is locked after repeated failed sign-ins. Try again in 15 minutes, or ask an administrator."
            : result.IsNotAllowed ? "This account cannot sign in." : "That code is not right.";
    }

    private sealed class TwoFactorInput
    {
        [Required(ErrorMessage = "Enter the code.")]
        public string Code { get; set; } = string.Empty;

        public bool RememberMe { get; set; }
    }
}
