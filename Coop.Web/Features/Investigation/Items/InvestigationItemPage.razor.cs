using Coop.Domain.Wellness;
using Coop.Infrastructure.Identity;
using Coop.Web.Application;
using Coop.Web.Features.Wellness;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Coop.Web.Features.Investigation.Items;

/// <summary>
/// One item's investigation page. When Coop holds no version of the item, it asks the platform's partial-items endpoint
/// once (after the page is interactive, so prerendering never calls the platform) and shows what came back.
/// It listens on the item's live topic (new versions, reports, jobs, decisions, actions, callback deliveries) and
/// re-reads itself; a burst of events causes at most one extra read after the one in progress.
/// </summary>
public sealed partial class InvestigationItemPage
{
    private InvestigationItem? item;
    private int refreshes;
    private WellnessPreferences? wellness;
    private string? error;
    private string? fetchMessage;
    private bool fetching;
    private (string, string)? fetched;
    private List<BreadcrumbItem> crumbs = [];
    private IDisposable? subscription;
    private string? watching;
    private bool reloading;
    private bool reloadAgain;

    [Parameter] public string ItemTypeId { get; set; } = string.Empty;
    [Parameter] public string ItemId { get; set; } = string.Empty;

    [Inject] private IQueryHandler<GetInvestigationItemQuery, InvestigationItem> GetItem { get; set; } = default!;
    [Inject] private ICommandHandler<FetchMissingItemCommand, FetchMissingItemResult> Fetch { get; set; } = default!;
    [Inject] private IQueryHandler<GetMyWellnessQuery, MyWellnessView> GetWellness { get; set; } = default!;
    [Inject] private ILiveEvents Live { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        crumbs = [new("Investigation", "/investigation"), new($"{ItemTypeId} / {ItemId}", href: null, disabled: true)];
        fetchMessage = null;
        await LoadAsync();
        wellness ??= (await GetWellness.HandleAsync(new GetMyWellnessQuery())).Effective;

        var key = $"{ItemTypeId}/{ItemId}";
        var organizationId = AuthenticationState is null ? null : (await AuthenticationState).User.FindFirst(CoopClaimTypes.OrganizationId)?.Value;
        if (organizationId is null || key == watching || error is not null)
        {
            return;
        }

        subscription?.Dispose();
        watching = key;
        subscription = Live.Subscribe(LiveTopics.Item(organizationId, ItemTypeId, ItemId), OnChangeAsync);
    }

    public void Dispose() => subscription?.Dispose();

    private Task OnChangeAsync(LiveEvent liveEvent) => InvokeAsync(async () =>
    {
        if (reloading)
        {
            reloadAgain = true;
            return;
        }

        reloading = true;
        try
        {
            do
            {
                reloadAgain = false;
                await LoadAsync();
                StateHasChanged();
            }
            while (reloadAgain);
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
        finally
        {
            reloading = false;
        }
    });

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
            refreshes++;
        }
        catch (ForbiddenAccessException ex)
        {
            error = ex.Message;
            item = null;
        }
    }
}
