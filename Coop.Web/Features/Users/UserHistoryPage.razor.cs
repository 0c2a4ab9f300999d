using Coop.Infrastructure.Identity;
using Coop.Web.Application;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Coop.Web.Features.Users;

/// <summary>
/// A user's whole history in one place, for any user item with or without a job: the header (who, strike score now,
/// counts) and one tab per section, each paged with "Load more". It listens on the user's live topic, where decisions,
/// actions, strikes, reports, appeals and notes about the user or their items are announced, and re-reads itself.
/// </summary>
public sealed partial class UserHistoryPage
{
    private UserHistorySummary? summary;
    private bool loaded;
    private int version;
    private int activeTab;
    private IDisposable? subscription;
    private string? watching;

    [Parameter]
    public string TypeId { get; set; } = string.Empty;

    [Parameter]
    public string Id { get; set; } = string.Empty;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private IQueryHandler<GetUserHistorySummaryQuery, UserHistorySummary?> GetSummary { get; set; } = default!;

    [Inject]
    private ILiveEvents Live { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        var key = $"{TypeId}/{Id}";
        if (key != watching)
        {
            activeTab = 0;
        }

        summary = await GetSummary.HandleAsync(new GetUserHistorySummaryQuery(TypeId, Id));
        loaded = true;
        var organizationId = AuthenticationState is null ? null : (await AuthenticationState).User.FindFirst(CoopClaimTypes.OrganizationId)?.Value;
        if (organizationId is null || key == watching)
        {
            return;
        }

        subscription?.Dispose();
        watching = key;
        subscription = summary is null ? null : Live.Subscribe(LiveTopics.Item(organizationId, TypeId, Id), OnChangeAsync);
    }

    public void Dispose() => subscription?.Dispose();

    private Task OnChangeAsync(LiveEvent liveEvent) => InvokeAsync(async () =>
    {
        try
        {
            summary = await GetSummary.HandleAsync(new GetUserHistorySummaryQuery(TypeId, Id));
            version++;
            StateHasChanged();
        }
        catch (Exception ex)
        {
            await DispatchExceptionAsync(ex);
        }
    });

    private string Ago(DateTime at) => RelativeTime.Ago(at, Time.GetUtcNow().UtcDateTime);

    internal static string Label(UserHistorySection section) => section switch
    {
        UserHistorySection.Items => "Items",
        UserHistorySection.ReportsAgainst => "Reports against",
        UserHistorySection.ReportsBy => "Reports made",
        UserHistorySection.Decisions => "Decisions",
        UserHistorySection.Actions => "Actions",
        UserHistorySection.Strikes => "Strikes",
        UserHistorySection.Appeals => "Appeals",
        _ => section.ToString(),
    };
}
