using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Coop.Web.Features.Actions;

public sealed partial class ActionsPage
{
    private IReadOnlyList<ActionView>? actions;
    private IReadOnlyList<ItemTypeOption> itemTypes = [];
    private ActionFormModel? form;
    private ActionView? editing;
    private ActionView? deleting;
    private bool saving;
    private string? error;
    private IReadOnlyDictionary<string, string[]> errors = new Dictionary<string, string[]>();

    [Inject]
    private IQueryHandler<ListActionsQuery, IReadOnlyList<ActionView>> ListActions { get; set; } = default!;

    [Inject]
    private IQueryHandler<ListActionItemTypesQuery, IReadOnlyList<ItemTypeOption>> ListItemTypes { get; set; } = default!;

    [Inject]
    private ICommandHandler<CreateActionCommand, ActionView> CreateAction { get; set; } = default!;

    [Inject]
    private ICommandHandler<UpdateActionCommand, ActionView> UpdateAction { get; set; } = default!;

    [Inject]
    private ICommandHandler<DeleteActionCommand, bool> DeleteAction { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        try
        {
            itemTypes = await ListItemTypes.HandleAsync(new ListActionItemTypesQuery());
            await LoadAsync();
        }
        catch (ForbiddenAccessException ex)
        {
            error = ex.Message;
            actions = [];
        }
    }

    private async Task LoadAsync() => actions = await ListActions.HandleAsync(new ListActionsQuery());

    private void StartNew()
    {
        editing = null;
        form = new ActionFormModel();
        errors = new Dictionary<string, string[]>();
    }

    private void StartEdit(ActionView action)
    {
        editing = action;
        form = ActionFormModel.From(action);
        errors = new Dictionary<string, string[]>();
    }

    private void Cancel()
    {
        form = null;
        editing = null;
    }

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            var details = form!.ToDetails(editing?.IsBuiltIn == true);
            var saved = editing is null
                ? await CreateAction.HandleAsync(new CreateActionCommand(details))
                : await UpdateAction.HandleAsync(new UpdateActionCommand(editing.Id, details, editing.Version));
            Snackbar.Add($"Saved action '{saved.Name}'.", Severity.Success);
            Cancel();
            await LoadAsync();
        }
        catch (ValidationFailedException ex)
        {
            errors = ex.Errors;
        }
        catch (ForbiddenAccessException ex)
        {
            errors = new Dictionary<string, string[]> { [string.Empty] = [ex.Message] };
        }
        finally
        {
            saving = false;
        }
    }

    private async Task DeleteAsync()
    {
        try
        {
            await DeleteAction.HandleAsync(new DeleteActionCommand(deleting!.Id));
            Snackbar.Add($"Deleted action '{deleting.Name}'.", Severity.Success);
            deleting = null;
            error = null;
            await LoadAsync();
        }
        catch (Exception ex) when (ex is ValidationFailedException or ForbiddenAccessException)
        {
            error = ex.Message;
        }
    }

    private async Task CopyAsync(string id)
    {
        try
        {
            await Js.InvokeVoidAsync("navigator.clipboard.writeText", id);
            Snackbar.Add("Copied the id.", Severity.Info);
        }
        catch (JSException)
        {
            Snackbar.Add($"Copy failed; the id is {id}.", Severity.Warning);
        }
    }
}
