using Coop.Infrastructure.Identity;
using Coop.Web.Application;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Coop.Web.Features.Actions.Bulk;

/// <summary>The organization's recent bulk runs with their status and progress, kept current live.</summary>
public sealed partial class BulkRunsList
{
    private IReadOnlyList<BulkRunView>? runs;
    private IDisposable? subscription;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private IQueryHandler<ListBulkActionRunsQuery, IReadOnlyList<BulkRunView>> ListRuns { get; set; } = default!;

    [Inject]
    private ILiveEvents Live { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null && (await AuthenticationState).User.FindFirst(CoopClaimTypes.OrganizationId)?.Value is { } organizationId)
        {
            subscription = Live.Subscribe(LiveTopics.BulkActions(organizationId), _ => InvokeAsync(async () =>
            {
                try
                {
                    await LoadAsync();
                    StateHasChanged();
                }
                catch (Exception ex)
                {
                    await DispatchExceptionAsync(ex);
                }
            }));
        }

        await LoadAsync();
    }

    public void Dispose() => subscription?.Dispose();

    private async Task LoadAsync()
    {
        try
        {
            runs = await ListRuns.HandleAsync(new ListBulkActionRunsQuery());
        }
        catch (ForbiddenAccessException)
        {
            runs = [];
        }
    }

    private string Ago(DateTime at) => RelativeTime.Ago(at, Time.GetUtcNow().UtcDateTime);
}
