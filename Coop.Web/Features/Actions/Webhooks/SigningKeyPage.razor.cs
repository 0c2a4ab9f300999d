using Coop.Infrastructure.Webhooks;
using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Actions.Webhooks;

public sealed partial class SigningKeyPage
{
    private SigningKeyView? view;
    private string? error;
    private bool rotating;

    [Inject]
    private IQueryHandler<GetSigningKeyQuery, SigningKeyView> GetKey { get; set; } = default!;

    [Inject]
    private ICommandHandler<RotateSigningKeyCommand, SigningKeyInfo> Rotate { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            view = await GetKey.HandleAsync(new GetSigningKeyQuery());
        }
        catch (ForbiddenAccessException ex)
        {
            error = ex.Message;
        }
    }

    private async Task RotateAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Rotate the signing key?",
            "Callbacks will be signed with a new key at once. Your platform must verify with the new public key, or it will reject them.",
            yesText: "Rotate", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        rotating = true;
        try
        {
            await Rotate.HandleAsync(new RotateSigningKeyCommand());
            view = await GetKey.HandleAsync(new GetSigningKeyQuery());
            Snackbar.Add("The signing key was rotated. Give your platform the new public key.", Severity.Success);
        }
        finally
        {
            rotating = false;
        }
    }
}
