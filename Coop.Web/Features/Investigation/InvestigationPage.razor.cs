using Coop.Web.Application;
using Coop.Web.Features.Investigation.Search;
using Microsoft.AspNetCore.Components;

namespace Coop.Web.Features.Investigation;

/// <summary>The search: filters live in the query string (shareable); each change of address runs the search again.</summary>
public sealed partial class InvestigationPage
{
    private InvestigationOptions? options;
    private InvestigationFilters filters = new();
    private ItemSearchPage? page;
    private string? error;

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
    [Inject] private NavigationManager Navigation { get; set; } = default!;

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

    private void SearchAsync(InvestigationFilters chosen) => Navigation.NavigateTo("/investigation" + chosen.Normalized().ToQueryString());

    private string PageHref(string? after) => "/investigation" + filters.ToQueryString(after);
}
