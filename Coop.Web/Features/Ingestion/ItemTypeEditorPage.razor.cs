using Coop.Web.Application;
using Coop.Web.Features.Ingestion.Components;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Ingestion;

/// <summary>Creates (<c>/item-types/new</c>) or edits (<c>/item-types/{id}</c>) one item type. Ids are hex, so "new" never clashes.</summary>
public sealed partial class ItemTypeEditorPage
{
    private ItemTypeEditorModel? model;
    private ItemTypeDetails? details;
    private string? userTypeId;
    private bool notFound;
    private List<BreadcrumbItem> breadcrumbs = [];

    public const string NewId = "new";

    [Parameter]
    public string Id { get; set; } = NewId;

    [Inject]
    private IQueryHandler<GetItemTypeQuery, ItemTypeDetails?> Get { get; set; } = default!;

    [Inject]
    private IQueryHandler<ListItemTypesQuery, IReadOnlyList<ItemTypeSummary>> List { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        notFound = false;
        details = null;
        if (Id == NewId)
        {
            model = ItemTypeEditorModel.New();
        }
        else
        {
            details = await Get.HandleAsync(new GetItemTypeQuery(Id));
            notFound = details is null;
            model = details is null ? null : ItemTypeEditorModel.From(details);
            userTypeId = (await List.HandleAsync(new ListItemTypesQuery())).FirstOrDefault(t => t.IsDefaultUserType)?.Id;
        }

        breadcrumbs =
        [
            new("Item Types", "/item-types"),
            new(details?.Name ?? (Id == NewId ? "New" : "Unknown"), null, disabled: true),
        ];
    }

    private void ShowSaved(ItemTypeDetails saved)
    {
        Snackbar.Add($"Saved {saved.Name} (version {saved.Version}).", Severity.Success);
        Navigation.NavigateTo("/item-types");
    }
}
