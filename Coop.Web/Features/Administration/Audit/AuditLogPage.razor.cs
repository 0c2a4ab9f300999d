using System.Globalization;
using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace Coop.Web.Features.Administration.Audit;

/// <summary>Settings → Audit log: search and filter (keyset paged), before/after changes, chain status, CSV export.</summary>
public sealed partial class AuditLogPage
{
    private readonly FilterModel filter = new();
    private readonly Stack<long?> cursors = new();
    private readonly HashSet<long> expanded = [];
    private AuditEntriesPage? page;
    private AuditChainStatus? status;
    private AuditFilter applied = new();
    private long? current;
    private bool verifying;

    [Inject]
    private IQueryHandler<ListAuditEntriesQuery, AuditEntriesPage> List { get; set; } = default!;

    [Inject]
    private IQueryHandler<GetAuditChainStatusQuery, AuditChainStatus> GetStatus { get; set; } = default!;

    [Inject]
    private ICommandHandler<VerifyAuditChainCommand, AuditChainStatus> Verify { get; set; } = default!;

    [Inject]
    private IJSRuntime Js { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private Color StatusColor => status?.Intact switch { true => Color.Success, false => Color.Error, _ => Color.Default };

    private string StatusText => status switch
    {
        null => "Chain: …",
        { Intact: true } s => $"Chain intact · {s.Length} entries · verified {s.LastVerifiedAt?.ToString("u", CultureInfo.InvariantCulture)}",
        { Intact: false } => "Chain broken",
        var s => $"Chain: {s.Length} entries, not verified yet",
    };

    private string ExportHref
    {
        get
        {
            var query = new Dictionary<string, string?>
            {
                ["q"] = applied.Text, ["action"] = applied.ActionPrefix, ["actor"] = applied.Actor,
                ["from"] = applied.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["to"] = applied.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["tz"] = applied.TimeZone,
            };
            return "/settings/audit/export.csv?" + string.Join('&', query.Where(p => !string.IsNullOrWhiteSpace(p.Value))
                .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));
        }
    }

    protected override async Task OnInitializedAsync()
    {
        status = await GetStatus.HandleAsync(new GetAuditChainStatusQuery());
        await LoadAsync(null);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (firstRender)
        {
            await using var module = await Js.InvokeAsync<IJSObjectReference>("import", "./Features/Administration/Audit/AuditLogPage.razor.js");
            var zone = await module.InvokeAsync<string>("timeZone");
            if (TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
            {
                filter.TimeZone = zone;
                applied = applied with { TimeZone = zone };
                StateHasChanged();
            }
        }
    }

    private async Task ApplyAsync()
    {
        applied = filter.ToFilter();
        cursors.Clear();
        await LoadAsync(null);
    }

    private async Task OlderAsync()
    {
        cursors.Push(current);
        await LoadAsync(page!.NextBefore);
    }

    private async Task NewerAsync() => await LoadAsync(cursors.Pop());

    private async Task LoadAsync(long? before)
    {
        current = before;
        page = await List.HandleAsync(new ListAuditEntriesQuery(applied, before));
    }

    private async Task VerifyAsync()
    {
        verifying = true;
        try
        {
            status = await Verify.HandleAsync(new VerifyAuditChainCommand());
            Snackbar.Add(status.Intact == true ? "The audit chain is intact." : "The audit chain is broken.", status.Intact == true ? Severity.Success : Severity.Error);
        }
        finally
        {
            verifying = false;
        }
    }

    private void Toggle(long id)
    {
        if (!expanded.Remove(id))
        {
            expanded.Add(id);
        }
    }

    private string Local(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), applied.Zone()).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private sealed class FilterModel
    {
        public string? Text { get; set; }

        public string? ActionPrefix { get; set; }

        public string? Actor { get; set; }

        public string? From { get; set; }

        public string? To { get; set; }

        public string? TimeZone { get; set; }

        public AuditFilter ToFilter() => new(Text, ActionPrefix, Actor, Date(From), Date(To), TimeZone);

        private static DateOnly? Date(string? text) =>
            DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }
}
