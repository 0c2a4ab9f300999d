using System.Globalization;
using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Coop.Web.Features.Administration.Components;

public sealed partial class ApiKeysPage
{
    private IReadOnlyList<ApiKeySummary> keys = [];
    private IssuedApiKey? issued;
    private bool loading = true;
    private bool busy;

    [Inject]
    private IQueryHandler<ListApiKeysQuery, IReadOnlyList<ApiKeySummary>> ListKeys { get; set; } = default!;

    [Inject]
    private ICommandHandler<RotateApiKeyCommand, IssuedApiKey> RotateKey { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    protected override async Task OnInitializedAsync() => await LoadAsync();

    private async Task LoadAsync()
    {
        loading = true;
        keys = await ListKeys.HandleAsync(new ListApiKeysQuery());
        loading = false;
    }

    private async Task ConfirmRotateAsync()
    {
        var hasActive = keys.Any(k => k.IsActive);
        var confirmed = !hasActive || await Dialogs.ShowMessageBoxAsync(
            "Rotate the API key?",
            "The current key stops working immediately. Your platform must switch to the new key.",
            yesText: "Rotate", cancelText: "Cancel") == true;
        if (!confirmed)
        {
            return;
        }

        busy = true;
        try
        {
            issued = await RotateKey.HandleAsync(new RotateApiKeyCommand(null));
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task CopyAsync()
    {
        if (issued is null)
        {
            return;
        }

        try
        {
            await Js.InvokeVoidAsync("navigator.clipboard.writeText", issued.PlainKey);
            Snackbar.Add("Key copied to the clipboard.", Severity.Success);
        }
        catch (JSException)
        {
            Snackbar.Add("The browser refused clipboard access: select the key and copy it.", Severity.Warning);
        }
    }

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
