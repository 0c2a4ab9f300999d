using Coop.Domain.Authorization;
using Coop.Web.Application;
using Coop.Web.Features.Actions.Bulk;
using Coop.Web.Features.Investigation.Search;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Coop.Web.Features.Investigation;

/// <summary>
/// The search: filters live in the query string (shareable); each change of address runs the search again.
/// Users who may action content can tick results (kept across pages) and open a bulk action with them.
/// </summary>
public sealed partial class InvestigationPage
{
    private InvestigationOptions? options;
    private InvestigationFilters filters = new();
    private ItemSearchPage? page;
    private string? error;
    private HashSet<BulkSelectedItem>? selection;
    private bool busy;

    [SupplyParameterFromQuery(Name = "itemId")] public string? ItemId { get; set; }
    [SupplyParameterFromQuery(Name = "itemTypeId")] public string? ItemTypeId { get; set; }
    [SupplyParameterFromQuery(Name = "userId")] public string? UserId { get; set; }
    [SupplyParameterFromQuery(Name = "userTypeId")] public string? UserTypeId { get; set; }
    [SupplyParameterFromQuery(Name = "text")] public string? Text { get; set; }
    [SupplyParameterFromQuery(Name = "from")] public string? From { get; set; }
    [SupplyParameterFromQuery(Name = "to")] public string? To { get; set; }
    [SupplyParameterFromQuery(Name = "policyId")] public string? PolicyId { get; set; }
    [SupplyParameterFromQuery(Name = "actionId")] public string? ActionId { get; set; }
    [SupplyParameterFromQuery(Name = "decidedBy")] public string? DecidedBy { get; set; }
    [SupplyParameterFromQuery(Name = "after")] public string? After { get; set; }

    [Inject] private IQueryHandler<GetInvestigationOptionsQuery, InvestigationOptions> GetOptions { get; set; } = default!;
    [Inject] private IQueryHandler<SearchItemsQuery, ItemSearchPage> Search { get; set; } = default!;
    [Inject] private ICommandHandler<StashBulkSelectionCommand, string> StashSelection { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    protected override async Task OnInitializedAsync()
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        selection = user?.HasClaim(Permissions.ClaimType, Permissions.ManuallyActionContent) == true ? [] : null;
    }

    protected override async Task OnParametersSetAsync()
    {
        filters = InvestigationFilters.FromQuery(new Uri(Navigation.Uri).Query);
        try
        {
            error = null;
            options ??= await GetOptions.HandleAsync(new GetInvestigationOptionsQuery());
            page = null;
            page = await Search.HandleAsync(new SearchItemsQuery(filters, After));
        }
        catch (ForbiddenAccessException ex)
        {
            error = ex.Message;
        }
    }

    private async Task BulkActionAsync()
    {
        if (selection is not { Count: > 0 })
        {
            return;
        }

        busy = true;
        try
        {
            var token = await StashSelection.HandleAsync(new StashBulkSelectionCommand([.. selection]));
            Navigation.NavigateTo("/actions/bulk?selection=" + Uri.EscapeDataString(token));
        }
        catch (Exception ex) when (ex is ValidationFailedException or ForbiddenAccessException)
        {
            error = ex is ValidationFailedException invalid ? string.Join(" ", invalid.Errors.SelectMany(e => e.Value)) : ex.Message;
        }
        finally
        {
            busy = false;
        }
    }

    private void ClearSelection() => selection?.Clear();

    private void SearchAsync(InvestigationFilters chosen) => Navigation.NavigateTo("/investigation" + chosen.Normalized().ToQueryString());

    private string PageHref(string? after) => "/investigation" + filters.ToQueryString(after);
}
