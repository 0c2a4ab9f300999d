using Coop.Web.Application;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Coop.Web.Features.Dashboards;

/// <summary>The live overview: re-reads itself when the queues change (throttled), and ticks every 30 s so ages move.</summary>
public sealed partial class DashboardsPage
{
    private DashboardOverview? view;
    private string? error;
    private bool canEditSla;
    private string? editingQueue;
    private int? slaDraft;
    private string? slaError;
    private LiveRefresher? refresher;
    private Timer? clock;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private IQueryHandler<GetDashboardOverviewQuery, DashboardOverview> Overview { get; set; } = default!;

    [Inject]
    private ICommandHandler<SetQueueSlaCommand, int?> SetSla { get; set; } = default!;

    [Inject]
    private ILiveEvents Live { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private DateTime Now => Time.GetUtcNow().UtcDateTime;

    protected override async Task OnInitializedAsync()
    {
        var user = AuthenticationState is null ? null : (await AuthenticationState).User;
        canEditSla = user?.HasClaim(Coop.Domain.Authorization.Permissions.ClaimType, Coop.Domain.Authorization.Permissions.EditMrtQueues) == true;
        await LoadAsync();
        if (user?.FindFirst(Infrastructure.Identity.CoopClaimTypes.OrganizationId)?.Value is { } organizationId)
        {
            refresher = new LiveRefresher(() => InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            }), Time);
            refresher.Subscribe(Live, LiveTopics.Queues(organizationId), LiveTopics.Decisions(organizationId), DashboardLive.Topic(organizationId));
        }

        clock = new Timer(_ => InvokeAsync(StateHasChanged), null, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(30));
    }

    private async Task LoadAsync()
    {
        try
        {
            view = await Overview.HandleAsync(new GetDashboardOverviewQuery());
            error = null;
        }
        catch (ForbiddenAccessException e)
        {
            error = e.Message;
        }
    }

    private void EditSla(QueueTile queue)
    {
        editingQueue = queue.QueueId;
        slaDraft = queue.SlaMinutes;
        slaError = null;
    }

    private async Task SaveSlaAsync()
    {
        if (editingQueue is null)
        {
            return;
        }

        try
        {
            await SetSla.HandleAsync(new SetQueueSlaCommand(editingQueue, slaDraft));
            editingQueue = null;
            await LoadAsync();
        }
        catch (ValidationFailedException e)
        {
            slaError = string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
        catch (ForbiddenAccessException e)
        {
            slaError = e.Message;
        }
    }

    public void Dispose()
    {
        refresher?.Dispose();
        clock?.Dispose();
    }
}
