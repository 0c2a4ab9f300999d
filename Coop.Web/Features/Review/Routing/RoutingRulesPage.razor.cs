using Coop.Domain.Conditions;
using Coop.Domain.Moderation;
using Coop.Domain.Signals;
using Coop.Infrastructure.Identity;
using Coop.Web.Application;
using Coop.Web.Features.Rules.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components;

namespace Coop.Web.Features.Review.Routing;

public sealed partial class RoutingRulesPage
{
    /// <summary>What a routing rule may read: the report (or appeal), and the reported item as proactive rules see it.</summary>
    private static readonly IReadOnlyList<ConditionInput> ReportInputs =
    [
        ConditionInput.ReportReason, ConditionInput.ReportPolicy, ConditionInput.ReporterId, ConditionInput.ReporterType, ConditionInput.ItemType,
        ConditionInput.AllText, ConditionInput.ItemField, ConditionInput.ItemRole, ConditionInput.AnyImage, ConditionInput.AnyVideo, ConditionInput.AnyGeohash,
        ConditionInput.Author, ConditionInput.AuthorStrikeScore, ConditionInput.AuthorAccountAgeDays,
    ];

    private RoutingRules? data;
    private FormModel? form;
    private IReadOnlyDictionary<SignalMatching, IReadOnlyList<RuleBankChoice>> banks = new Dictionary<SignalMatching, IReadOnlyList<RuleBankChoice>>();

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    [Inject] private IEnumerable<IRuleBankSource> BankSources { get; set; } = default!;

    [Inject] private IQueryHandler<ListRoutingRulesQuery, RoutingRules> List { get; set; } = default!;
    [Inject] private ICommandHandler<SaveRoutingRuleCommand, RoutingRuleView> Save { get; set; } = default!;
    [Inject] private ICommandHandler<DeleteRoutingRuleCommand, bool> Delete { get; set; } = default!;
    [Inject] private ICommandHandler<MoveRoutingRuleCommand, bool> Move { get; set; } = default!;

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    protected override async Task OnInitializedAsync()
    {
        data = await List.HandleAsync(new ListRoutingRulesQuery());
        await LoadBanksAsync();
    }

    private void Start(RoutingRuleView? rule, QueueKind kind)
    {
        Errors = new Dictionary<string, string[]>();
        form = new FormModel
        {
            Id = rule?.Id, Name = rule?.Name, Description = rule?.Description, Kind = kind, TargetQueueId = rule?.TargetQueueId,
            Condition = rule?.Condition ?? new ConditionSet(Conjunction.And, [new LeafCondition(ConditionInput.ReportReason, Comparator.Contains, [string.Empty])]),
        };
    }

    private ConditionEditorContext ConditionContext => new(data?.Fields ?? [], data?.Signals ?? [], banks, Errors)
    {
        Inputs = ReportInputs,
    };

    private string? SignalName(string id) => data?.Signals.FirstOrDefault(s => s.Id == id)?.Name;

    private async Task LoadBanksAsync()
    {
        if (AuthenticationState is not null && (await AuthenticationState).User.FindFirst(CoopClaimTypes.OrganizationId)?.Value is { } organizationId)
        {
            banks = await BankSources.ListAllAsync(organizationId, CancellationToken.None);
        }
    }

    private async Task SaveAsync()
    {
        try
        {
            await Save.HandleAsync(new SaveRoutingRuleCommand(form!.Id, form.Name ?? string.Empty, form.Description, form.Kind, form.Condition, form.TargetQueueId ?? string.Empty));
            form = null;
            data = await List.HandleAsync(new ListRoutingRulesQuery());
        }
        catch (ValidationFailedException ex)
        {
            Errors = ex.Errors;
        }
    }

    private async Task DeleteAsync(string id)
    {
        await Delete.HandleAsync(new DeleteRoutingRuleCommand(id));
        data = await List.HandleAsync(new ListRoutingRulesQuery());
    }

    private async Task MoveAsync(string id, bool up)
    {
        await Move.HandleAsync(new MoveRoutingRuleCommand(id, up));
        data = await List.HandleAsync(new ListRoutingRulesQuery());
    }

    private string? ErrorFor(string key) => Errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    private sealed class FormModel
    {
        public string? Id { get; init; }

        public string? Name { get; set; }

        public string? Description { get; set; }

        public QueueKind Kind { get; init; }

        public string? TargetQueueId { get; set; }

        public Condition Condition { get; set; } = new ConditionSet(Conjunction.And, []);
    }
}
