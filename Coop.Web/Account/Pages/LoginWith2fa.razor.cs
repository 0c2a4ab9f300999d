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
        var code = new string([.. Input!.Code.Where(c => !char.IsWhiteSpace(c))]);
        Input.Code = string.Empty;
        var digits = code.Replace("-", string.Empty, StringComparison.Ordinal);
        var result = digits.Length == 6 && digits.All(char.IsAsciiDigit)
            ? await SignInManager.TwoFactorAuthenticatorSignInAsync(digits, Input.RememberMe, rememberClient: false)
            : await SignInManager.TwoFactorRecoveryCodeSignInAsync(RecoveryCode(code));
        if (result.Succeeded)
        {
            Logger.LogInformation("A user signed in with two-factor");
            Navigation.NavigateTo(Login.SafeReturnUrl(ReturnUrl));
            return;
        }

        errorMessage = result.IsLockedOut
            ? "This account is locked after repeated failed sign-ins. Try again in 15 minutes, or ask an administrator."
            : result.IsNotAllowed
                ? "This account cannot sign in."
                : "That code is not right. Enter the current code from your authenticator app (check the time on your phone), or an unused recovery code.";
    }

    /// <summary>
    /// Identity stores recovery codes as <c>XXXXX-XXXXX</c> in upper case and compares them exactly, so a code typed in
    /// lower case or without its dash is put back in that form (stripping the dash made every recovery code fail).
    /// </summary>
    internal static string RecoveryCode(string typed)
    {
        var code = typed.ToUpperInvariant();
        return code.Length == 10 && !code.Contains('-', StringComparison.Ordinal) ? $"{code[..5]}-{code[5..]}" : code;
    }

    private sealed class TwoFactorInput
    {
        [Required(ErrorMessage = "Enter the code.")]
        public string Code { get; set; } = string.Empty;

        public bool RememberMe { get; set; }
    }
}
