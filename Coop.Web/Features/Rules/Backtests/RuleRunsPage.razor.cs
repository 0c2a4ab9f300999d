using Coop.Domain.Authorization;
using Coop.Domain.Rules;
using Coop.Infrastructure.Identity;
using Coop.Web.Application;
using Coop.Web.Features.Rules.Management;
using Coop.Web.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace Coop.Web.Features.Rules.Backtests;

/// <summary>Start backtests and retroactions of one rule and watch them live.</summary>
public sealed partial class RuleRunsPage : IDisposable
{
    private RuleDetails? rule;
    private IReadOnlyList<RuleRunView>? runs;
    private IReadOnlyDictionary<string, string[]> errors = new Dictionary<string, string[]>();
    private DateTime? from;
    private DateTime? to;
    private int limit = 10_000;
    private bool busy;
    private bool notFound;
    private bool canRetroact;
    private IDisposable? subscription;

    [Parameter]
    public string Id { get; set; } = string.Empty;

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private IQueryHandler<GetRuleQuery, RuleDetails?> GetRule { get; set; } = default!;

    [Inject] private IQueryHandler<ListRuleRunsQuery, IReadOnlyList<RuleRunView>> ListRuns { get; set; } = default!;

    [Inject] private ICommandHandler<StartBacktestCommand, RuleRunView> StartBacktest { get; set; } = default!;

    [Inject] private ICommandHandler<StartRetroactionCommand, RuleRunView> StartRetroaction { get; set; } = default!;

    [Inject] private ICommandHandler<CancelRuleRunCommand, bool> CancelRun { get; set; } = default!;

    [Inject] private ILiveEvents Live { get; set; } = default!;

    [Inject] private IDialogService Dialogs { get; set; } = default!;

    [Inject] private TimeProvider Time { get; set; } = default!;

    private List<BreadcrumbItem> Crumbs =>
    [
        new("Rules", "/rules"),
        new(rule?.Rule.Name ?? "Rule", $"/rules/{Uri.EscapeDataString(Id)}"),
        new("Backtests", null, disabled: true),
    ];

    protected override async Task OnInitializedAsync()
    {
        var today = Time.GetUtcNow().UtcDateTime.Date;
        (from, to) = (today.AddDays(-7), today);
        if (AuthenticationState is not null)
        {
            var user = (await AuthenticationState).User;
            canRetroact = user.HasClaim(Permissions.ClaimType, Permissions.RunRetroaction);
            if (user.FindFirst(CoopClaimTypes.OrganizationId)?.Value is { } organizationId)
            {
                subscription = Live.Subscribe(LiveTopics.Rules(organizationId), e => e.Kind != LiveEventKinds.RuleRunChanged && e.Kind != LiveEventKinds.RuleChanged
                    ? Task.CompletedTask
                    : InvokeAsync(async () =>
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
        }

        await LoadAsync();
    }

    public void Dispose() => subscription?.Dispose();

    private async Task LoadAsync()
    {
        rule = await GetRule.HandleAsync(new GetRuleQuery(Id));
        notFound = rule is null;
        runs = rule is null ? [] : await ListRuns.HandleAsync(new ListRuleRunsQuery(Id));
    }

    private (DateTime From, DateTime To) Window() =>
        (DateTime.SpecifyKind((from ?? DateTime.MinValue).Date, DateTimeKind.Utc), DateTime.SpecifyKind((to ?? DateTime.MinValue).Date.AddDays(1), DateTimeKind.Utc));

    private Task BacktestAsync() => StartAsync(() =>
    {
        var (start, end) = Window();
        return StartBacktest.HandleAsync(new StartBacktestCommand(Id, start, end, limit));
    });

    private async Task RetroactAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            "Run this rule's actions on past items?",
            $"Every item received from {from:yyyy-MM-dd} to {to:yyyy-MM-dd} (at most {limit:N0} versions) that matches '{rule?.Rule.Name}' now gets the rule's actions, once per item. Callbacks go to your platform and cannot be recalled. Run a backtest first to see how many would match.",
            yesText: "Run retroactively", cancelText: "Cancel");
        if (confirmed != true)
        {
            return;
        }

        await StartAsync(() =>
        {
            var (start, end) = Window();
            return StartRetroaction.HandleAsync(new StartRetroactionCommand(Id, start, end, limit));
        });
    }

    private async Task StartAsync(Func<Task<RuleRunView>> start)
    {
        busy = true;
        errors = new Dictionary<string, string[]>();
        try
        {
            await start();
            await LoadAsync();
        }
        catch (ValidationFailedException ex)
        {
            errors = ex.Errors;
        }
        catch (ForbiddenAccessException ex)
        {
            errors = new Dictionary<string, string[]> { [string.Empty] = [ex.Message] };
        }
        finally
        {
            busy = false;
        }
    }

    private async Task CancelAsync(RuleRunView run)
    {
        try
        {
            await CancelRun.HandleAsync(new CancelRuleRunCommand(run.Id));
        }
        catch (ValidationFailedException ex)
        {
            errors = ex.Errors;
        }
        catch (ForbiddenAccessException ex)
        {
            errors = new Dictionary<string, string[]> { [string.Empty] = [ex.Message] };
        }

        await LoadAsync();
    }

    private string? ErrorOf(string key) => errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    private static Color StatusColor(RuleRunStatus status) => status switch
    {
        RuleRunStatus.Running => Color.Primary,
        RuleRunStatus.Completed => Color.Success,
        RuleRunStatus.Failed => Color.Error,
        _ => Color.Default,
    };
}
