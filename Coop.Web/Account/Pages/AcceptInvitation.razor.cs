using System.ComponentModel.DataAnnotations;
using Coop.Infrastructure.Identity;
using Coop.Web.Application;
using Coop.Web.Features.Administration.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Identity;

namespace Coop.Web.Account.Pages;

public sealed partial class AcceptInvitation
{
    private EditContext editContext = default!;
    private ValidationMessageStore messages = default!;
    private InvitationInfo? invitation;
    private string? errorMessage;

    [Parameter]
    public string Token { get; set; } = string.Empty;

    [Inject]
    private IQueryHandler<GetInvitationQuery, InvitationInfo?> GetInvitation { get; set; } = default!;

    [Inject]
    private ICommandHandler<AcceptInvitationCommand, string> Accept { get; set; } = default!;

    [Inject]
    private SignInManager<CoopUser> SignInManager { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [SupplyParameterFromForm]
    private InvitationInput? Input { get; set; }

    protected override async Task OnInitializedAsync()
    {
        Input ??= new InvitationInput();
        editContext = new EditContext(Input);
        messages = new ValidationMessageStore(editContext);
        editContext.OnValidationRequested += (_, _) => messages.Clear();
        invitation = await GetInvitation.HandleAsync(new GetInvitationQuery(Token));
    }

    private async Task AcceptAsync()
    {
        string userId;
        try
        {
            userId = await Accept.HandleAsync(new AcceptInvitationCommand(Token, Input!.FirstName, Input.LastName, Input.Password));
        }
        catch (ValidationFailedException ex)
        {
            foreach (var (field, fieldMessages) in ex.Errors)
            {
                if (field.Length == 0 || typeof(InvitationInput).GetProperty(field) is null)
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

        var user = await SignInManager.UserManager.FindByIdAsync(userId) ?? throw new InvalidOperationException("The new user was not found.");
        await SignInManager.SignInAsync(user, isPersistent: false);
        Navigation.NavigateTo("/");
    }

    private sealed class InvitationInput
    {
        [StringLength(100, ErrorMessage = "Use at most 100 characters.")]
        public string? FirstName { get; set; }

        [StringLength(100, ErrorMessage = "Use at most 100 characters.")]
        public string? LastName { get; set; }

        [Required(ErrorMessage = "Choose a password.")]
        public string Password { get; set; } = string.Empty;

        [Compare(nameof(Password), ErrorMessage = "The passwords do not match.")]
        public string ConfirmPassword { get; set; } = string.Empty;
    }
}
