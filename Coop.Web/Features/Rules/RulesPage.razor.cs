using Coop.Domain.Rules;
using Coop.Infrastructure.Identity;
using Coop.Web.Application;
using Coop.Web.Features.Rules.Management;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;

namespace Coop.Web.Features.Rules;

/// <summary>The organization's proactive rules: status, item types, what they do and how often they matched; kept current live.</summary>
public sealed partial class RulesPage
{
    private static readonly string[] StatusChoices = ["All", .. Enum.GetNames<RuleStatus>()];

    private IReadOnlyList<RuleSummary>? rules;
    private RuleStatus? status;
    private string? search;
    private IDisposable? subscription;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject]
    private IQueryHandler<ListRulesQuery, IReadOnlyList<RuleSummary>> List { get; set; } = default!;

    [Inject]
    private ILiveEvents Live { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        if (AuthenticationState is not null && (await AuthenticationState).User.FindFirst(CoopClaimTypes.OrganizationId)?.Value is { } organizationId)
        {
            subscription = Live.Subscribe(LiveTopics.Rules(organizationId), _ => InvokeAsync(async () =>
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

    private async Task LoadAsync() => rules = await List.HandleAsync(new ListRulesQuery(status, search));

    private async Task SetStatusAsync(string? choice)
    {
        status = Enum.TryParse<RuleStatus>(choice, out var parsed) ? parsed : null;
        await LoadAsync();
    }

    private async Task SearchAsync(string? text)
    {
        search = text;
        await LoadAsync();
    }

    private static string Does(RuleSummary rule)
    {
        var parts = rule.ActionNames.ToList();
        if (rule.EnqueueQueueName is { } queue)
        {
            parts.Add($"enqueue to {queue}");
        }

        return parts.Count == 0 ? "records matches" : string.Join(", ", parts);
    }

    private string Ago(DateTime at) => RelativeTime.Ago(at, Time.GetUtcNow().UtcDateTime);
}
