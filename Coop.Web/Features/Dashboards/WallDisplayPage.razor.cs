using System.Globalization;
using Coop.Web.Application;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Coop.Web.Features.Dashboards;

/// <summary>
/// Full-screen, large-type view for a TV: one queue at a time, cycling every <c>?seconds=</c> (default 15, at least 5), or
/// fixed on <c>?queue=</c>; live through the circuit like the overview.
/// </summary>
public sealed partial class WallDisplayPage
{
    private DashboardOverview? view;
    private string? error;
    private int index;
    private LiveRefresher? refresher;
    private Timer? cycle;

    [SupplyParameterFromQuery(Name = "seconds")]
    public int? SecondsParameter { get; set; }

    [SupplyParameterFromQuery(Name = "queue")]
    public string? QueueParameter { get; set; }

    [SupplyParameterFromQuery(Name = "tz")]
    public string? TimeZoneParameter { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private IQueryHandler<GetDashboardOverviewQuery, DashboardOverview> Overview { get; set; } = default!;

    [Inject]
    private ILiveEvents Live { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private int Seconds => Math.Clamp(SecondsParameter ?? 15, 5, 3600);

    private DateTime Now => Time.GetUtcNow().UtcDateTime;

    private QueueTile? Current => view is { Queues.Count: > 0 } v ? v.Queues[index % v.Queues.Count] : null;

    /// <summary>The time in the wall's zone (<c>?tz=</c>, UTC without one), with the zone named so nobody reads UTC as local.</summary>
    private string LocalClock
    {
        get
        {
            var zone = Coop.Domain.Dashboards.DashboardTime.Zone(TimeZoneParameter);
            return TimeZoneInfo.ConvertTimeFromUtc(Now, zone).ToString("HH:mm", CultureInfo.InvariantCulture);
        }
    }

    private string ClockZone => Coop.Domain.Dashboards.DashboardTime.ShortName(Coop.Domain.Dashboards.DashboardTime.Zone(TimeZoneParameter));

    protected override async Task OnInitializedAsync()
    {
        await LoadAsync();
        if (QueueParameter is not null && view is not null)
        {
            index = Math.Max(0, view.Queues.ToList().FindIndex(q => q.QueueId == QueueParameter || string.Equals(q.Name, QueueParameter, StringComparison.OrdinalIgnoreCase)));
        }

        if (AuthenticationState is not null
            && (await AuthenticationState).User.FindFirst(Infrastructure.Identity.CoopClaimTypes.OrganizationId)?.Value is { } organizationId)
        {
            refresher = new LiveRefresher(() => InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            }), Time);
            refresher.Subscribe(Live, LiveTopics.Queues(organizationId), DashboardLive.Topic(organizationId));
        }

        // Cycling is display only (no reads): data arrives through the live events above.
        var period = TimeSpan.FromSeconds(Seconds);
        cycle = new Timer(_ => InvokeAsync(() =>
        {
            if (QueueParameter is null)
            {
                index++;
            }

            StateHasChanged();
        }), null, period, period);
    }

    private async Task LoadAsync()
    {
        try
        {
            view = await Overview.HandleAsync(new GetDashboardOverviewQuery());
        }
        catch (ForbiddenAccessException e)
        {
            error = e.Message;
        }
    }

    public void Dispose()
    {
        refresher?.Dispose();
        cycle?.Dispose();
    }
}
