using System.ComponentModel.DataAnnotations;
using Coop.Infrastructure.Identity;
using Coop.Web.Application;
using Coop.Web.Features.Administration;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;

namespace Coop.Web.Account.Pages;

public sealed partial class Setup
{
    private EditContext editContext = default!;
    private ValidationMessageStore messages = default!;
    private string? errorMessage;

    [Inject]
    private ICommandHandler<SetUpFirstRunCommand, SetUpFirstRunResult> SetUpFirstRun { get; set; } = default!;

    [Inject]
    private FirstRunState FirstRun { get; set; } = default!;

    [Inject]
    private SignInManager<CoopUser> SignInManager { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromForm]
    private SetupInput? Input { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new SetupInput();
        editContext = new EditContext(Input);
        messages = new ValidationMessageStore(editContext);
        editContext.OnValidationRequested += (_, _) => messages.Clear();
        if (await FirstRun.IsSetUpAsync())
        {
            Navigation.NavigateTo("/account/login");
        }
    }

    private async Task SetUpAsync()
    {
        try
        {
            var result = await SetUpFirstRun.HandleAsync(new SetUpFirstRunCommand(Input!.SetupCode, Input.OrganizationName, Input.FullName, Input.Email, Input.Password));
            var user = await SignInManager.UserManager.FindByIdAsync(result.UserId)
                ?? throw new InvalidOperationException("The new admin was not found.");
            await SignInManager.SignInAsync(user, isPersistent: false);
        }
        catch (ValidationFailedException ex)
        {
            foreach (var (field, fieldMessages) in ex.Errors)
            {
                if (field.Length == 0 || typeof(SetupInput).GetProperty(field) is null)
                {
                    errorMessage = string.Join(" ", fieldMessages);
                    continue;
                }

                messages.Add(editContext.Field(field), fieldMessages);
            }

            Input!.Password = Input.ConfirmPassword = string.Empty;
            editContext.NotifyValidationStateChanged();
            return;
        }

        Navigation.NavigateTo("/");
    }

    private sealed class SetupInput
    {
        [Required(ErrorMessage = "Enter the setup code from the server's output.")]
        public string SetupCode { get; set; } = string.Empty;

        [Required(ErrorMessage = "Name your organization.")]
        [StringLength(200, ErrorMessage = "Use at most 200 characters.")]
        public string OrganizationName { get; set; } = string.Empty;

        [StringLength(200, ErrorMessage = "Use at most 200 characters.")]
        public string? FullName { get; set; }

        [Required(ErrorMessage = "Enter your email.")]
        [EmailAddress(ErrorMessage = "Enter a valid email address.")]
        public string Email { get; set; } = string.Empty;

        [Required(ErrorMessage = "Choose a password.")]
        [StringLength(256, MinimumLength = 10, ErrorMessage = "Use at least 10 characters.")]
        public string Password { get; set; } = string.Empty;

        [Required(ErrorMessage = "Repeat the password.")]
        [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}
