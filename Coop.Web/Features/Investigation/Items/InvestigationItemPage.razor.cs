using Coop.Domain.Wellness;
using Coop.Web.Application;
using Coop.Web.Features.Wellness;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Investigation.Items;

/// <summary>
/// One item's investigation page. When Coop holds no version of the item, it asks the platform's partial-items endpoint
/// once (after the page is interactive, so prerendering never calls the platform) and shows what came back.
/// </summary>
public sealed partial class InvestigationItemPage
{
    private InvestigationItem? item;
    private WellnessPreferences? wellness;
    private string? error;
    private string? fetchMessage;
    private bool fetching;
    private (string, string)? fetched;
    private List<BreadcrumbItem> crumbs = [];

    [Parameter] public string ItemTypeId { get; set; } = string.Empty;
    [Parameter] public string ItemId { get; set; } = string.Empty;

    [Inject] private IQueryHandler<GetInvestigationItemQuery, InvestigationItem> GetItem { get; set; } = default!;
    [Inject] private ICommandHandler<FetchMissingItemCommand, FetchMissingItemResult> Fetch { get; set; } = default!;
    [Inject] private IQueryHandler<GetMyWellnessQuery, MyWellnessView> GetWellness { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        crumbs = [new("Investigation", "/investigation"), new($"{ItemTypeId} / {ItemId}", href: null, disabled: true)];
        fetchMessage = null;
        await LoadAsync();
        wellness ??= (await GetWellness.HandleAsync(new GetMyWellnessQuery())).Effective;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (item is { Stored: false } && fetched != (ItemTypeId, ItemId) && error is null)
        {
            fetched = (ItemTypeId, ItemId);
            fetching = true;
            StateHasChanged();
            var result = await Fetch.HandleAsync(new FetchMissingItemCommand(ItemTypeId, ItemId));
            fetching = false;
            if (result.Found)
            {
                await LoadAsync();
            }

            fetchMessage = result.Found && item is { Stored: true } ? null
                : result.Error is { } reason ? $"Coop has not stored this item, and fetching it from your platform failed: {reason}"
                : "Coop has not stored this item, and your platform did not return it (not found).";
            StateHasChanged();
        }
    }

    private async Task LoadAsync()
    {
        try
        {
            error = null;
            item = await GetItem.HandleAsync(new GetInvestigationItemQuery(ItemTypeId, ItemId));
        }
        catch (ForbiddenAccessException ex)
        {
            error = ex.Message;
            item = null;
        }
    }
}
