using Coop.Domain.ItemTypes;
using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Ingestion;

/// <summary>Settings → Item Types: the organization's item types, with their ids to copy.</summary>
public sealed partial class ItemTypesPage
{
    private IReadOnlyList<ItemTypeSummary>? itemTypes;
    private string? error;

    [Inject]
    private IQueryHandler<ListItemTypesQuery, IReadOnlyList<ItemTypeSummary>> List { get; set; } = default!;

    [Inject]
    private ICommandHandler<DeleteItemTypeCommand, bool> Delete { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override Task OnInitializedAsync() => LoadAsync();

    internal static Color KindColor(ItemTypeKind kind) => kind switch
    {
        ItemTypeKind.Content => Color.Primary,
        ItemTypeKind.User => Color.Secondary,
        _ => Color.Tertiary,
    };

    private async Task LoadAsync()
    {
        try
        {
            itemTypes = await List.HandleAsync(new ListItemTypesQuery());
        }
        catch (ForbiddenAccessException ex)
        {
            error = ex.Message;
        }
    }

    private async Task DeleteAsync(ItemTypeSummary itemType)
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Delete {itemType.Name}?",
            $"The platform can no longer send items of type '{itemType.Name}' (id {itemType.Id}). Items already received stay readable.",
            yesText: "Delete", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        try
        {
            await Delete.HandleAsync(new DeleteItemTypeCommand(itemType.Id));
            Snackbar.Add($"Deleted {itemType.Name}.", Severity.Success);
            await LoadAsync();
        }
        catch (Exception ex) when (ex is ValidationFailedException or ForbiddenAccessException)
        {
            error = ex.Message;
        }
    }
}
