using Coop.Infrastructure.Identity;
using Coop.Web.Application;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Coop.Web.Features.Rules.Insights;

/// <summary>
/// A rule's evaluations, matches and actions per day and its latest matches; re-reads when the engine reports an evaluation
/// batch that includes the rule (<see cref="LiveEventKinds.RuleEvaluated"/>) or the rule changes, at most about once a second.
/// </summary>
public sealed partial class RuleInsightsPage : IDisposable
{
    private static readonly TimeSpan MinimumInterval = TimeSpan.FromSeconds(1);

    private RuleInsights? insights;
    private bool notFound;
    private IDisposable? subscription;
    private int refreshScheduled;

    [Parameter]
    public string Id { get; set; } = string.Empty;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private IQueryHandler<GetRuleInsightsQuery, RuleInsights?> Get { get; set; } = default!;
    [Inject] private ILiveEvents Live { get; set; } = default!;
    [Inject] private TimeProvider Time { get; set; } = default!;

    private List<BreadcrumbItem> Crumbs =>
        [new("Rules", "/rules"), new(insights?.Name ?? Id, $"/rules/{Uri.EscapeDataString(Id)}"), new("Insights", null, disabled: true)];

    protected override async Task OnParametersSetAsync()
    {
        subscription?.Dispose();
        if (AuthenticationState is not null && (await AuthenticationState).User.FindFirst(CoopClaimTypes.OrganizationId)?.Value is { } organizationId)
        {
            subscription = Live.Subscribe(LiveTopics.Rules(organizationId), OnEventAsync);
        }

        await LoadAsync();
    }

    public void Dispose() => subscription?.Dispose();

    private async Task LoadAsync()
    {
        insights = await Get.HandleAsync(new GetRuleInsightsQuery(Id));
        notFound = insights is null;
    }

    private async Task OnEventAsync(LiveEvent e)
    {
        var concerned = e.Kind switch
        {
            LiveEventKinds.RuleEvaluated => LiveEventKinds.RuleIds(e) is { Count: > 0 } ids ? ids.Contains(Id) : true,
            LiveEventKinds.RuleChanged => e.EntityId == Id,
            _ => false,
        };

        // Coalesce bursts: one refresh at a time, at most about once a second.
        if (!concerned || Interlocked.Exchange(ref refreshScheduled, 1) == 1)
        {
            return;
        }

        await Task.Delay(MinimumInterval, Time);
        Interlocked.Exchange(ref refreshScheduled, 0);
        await InvokeAsync(async () =>
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
        });
    }

    private double Percent(long value)
    {
        var max = insights?.Days.Max(d => d.Matches) ?? 0;
        return max == 0 ? 0 : Math.Round(100.0 * value / max, 1);
    }

    private string Ago(DateTime at) => RelativeTime.Ago(at, Time.GetUtcNow().UtcDateTime);
}
