using Coop.Domain.Dashboards;
using Coop.Web.Application;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;
using MudBlazor;

namespace Coop.Web.Features.Dashboards;

/// <summary>Charts over today, 7 or 30 days in the browser's time zone (or <c>?tz=</c>); re-read when the roll-up job runs.</summary>
public sealed partial class DashboardChartsPage
{
    private DashboardCharts? charts;
    private ChartWindow window = ChartWindow.Week;
    private string? zone;
    private LiveRefresher? refresher;

    [SupplyParameterFromQuery(Name = "tz")]
    public string? TimeZoneParameter { get; set; }

    [SupplyParameterFromQuery(Name = "window")]
    public string? WindowParameter { get; set; }

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private IQueryHandler<GetDashboardChartsQuery, DashboardCharts> Charts { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [Inject]
    private ILiveEvents Live { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    /// <summary>
    /// The x-axis labels, thinned to at most <see cref="MaxLabels"/> so they never overlap in a half-width chart (today's 24
    /// hours every third hour, 30 days every fifth day); the bars keep one per period.
    /// </summary>
    private string[] Labels => ThinLabels(charts?.Labels ?? []);

    private const int MaxLabels = 8;

    /// <summary>The handle-time buckets by their upper bounds ("&lt;2.7m"), at most five shown; the CSV keeps the full ranges.</summary>
    private string[] HandleAxisLabels => ThinLabels([.. Enumerable.Range(0, charts?.HandleTimeLabels.Count ?? 0).Select(DurationHistogram.AxisLabel)], 5);

    internal static string[] ThinLabels(IReadOnlyList<string> labels, int max = MaxLabels)
    {
        var step = Math.Max(1, (int)Math.Ceiling(labels.Count / (double)max));
        return [.. labels.Select((label, i) => i % step == 0 ? label : string.Empty)];
    }

    private string ExportQuery => $"?window={window}&tz={Uri.EscapeDataString(charts?.TimeZone ?? zone ?? "UTC")}";

    protected override async Task OnInitializedAsync()
    {
        if (Enum.TryParse<ChartWindow>(WindowParameter, true, out var parsed))
        {
            window = parsed;
        }

        zone = TimeZoneParameter;
        if (AuthenticationState is not null
            && (await AuthenticationState).User.FindFirst(Infrastructure.Identity.CoopClaimTypes.OrganizationId)?.Value is { } organizationId)
        {
            refresher = new LiveRefresher(() => InvokeAsync(async () =>
            {
                await LoadAsync();
                StateHasChanged();
            }), Time);
            refresher.Subscribe(Live, DashboardLive.Topic(organizationId));
        }
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender)
        {
            return;
        }

        if (zone is null)
        {
            try
            {
                // The browser's time zone from a module (the Content-Security-Policy forbids eval).
                await using var module = await Js.InvokeAsync<IJSObjectReference>("import", "./Features/Administration/Audit/AuditLogPage.razor.js");
                zone = await module.InvokeAsync<string>("timeZone");
            }
            catch (JSException)
            {
                zone = "UTC";
            }
        }

        await LoadAsync();
        StateHasChanged();
    }

    private async Task WindowChangedAsync(ChartWindow value)
    {
        window = value;
        await LoadAsync();
    }

    private async Task LoadAsync() => charts = await Charts.HandleAsync(new GetDashboardChartsQuery(window, zone));

    private static List<ChartSeries<double>> Series(IReadOnlyList<ChartLine> series) =>
        [.. series.Select(s => new ChartSeries<double> { Name = s.Name, Data = s.Values.ToArray() })];

    public void Dispose() => refresher?.Dispose();
}
