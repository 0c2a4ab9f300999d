using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace Coop.Web.Features.Dashboards;

/// <summary>The transparency report for a period of local days (the last 30 by default), printable and exportable.</summary>
public sealed partial class TransparencyReportPage
{
    private TransparencyReport? report;
    private DateTime? from;
    private DateTime? to;
    private string? zone;
    private string? error;

    [SupplyParameterFromQuery(Name = "tz")]
    public string? TimeZoneParameter { get; set; }

    [Inject]
    private IQueryHandler<GetTransparencyReportQuery, TransparencyReport> Transparency { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    private string CsvHref => $"/dashboards/export/transparency.csv?from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}&tz={Uri.EscapeDataString(zone ?? "UTC")}";

    protected override void OnInitialized()
    {
        var today = Time.GetUtcNow().UtcDateTime.Date;
        to = today;
        from = today.AddDays(-29);
        zone = TimeZoneParameter;
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

    private async Task LoadAsync()
    {
        if (from is null || to is null)
        {
            error = "Choose both dates.";
            return;
        }

        try
        {
            report = await Transparency.HandleAsync(new GetTransparencyReportQuery(DateOnly.FromDateTime(from.Value), DateOnly.FromDateTime(to.Value), zone));
            error = null;
        }
        catch (ValidationFailedException e)
        {
            error = string.Join(" ", e.Errors.SelectMany(x => x.Value));
        }
    }

    private async Task PrintAsync() => await Js.InvokeVoidAsync("print");
}
