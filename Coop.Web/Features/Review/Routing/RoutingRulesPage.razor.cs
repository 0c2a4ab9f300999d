using Coop.Domain.Conditions;
using Coop.Domain.Moderation;
using Coop.Web.Application;
using Microsoft.AspNetCore.Components;

namespace Coop.Web.Features.Review.Routing;

public sealed partial class RoutingRulesPage
{
    private RoutingRules? data;
    private FormModel? form;

    [Inject] private IQueryHandler<ListRoutingRulesQuery, RoutingRules> List { get; set; } = default!;
    [Inject] private ICommandHandler<SaveRoutingRuleCommand, RoutingRuleView> Save { get; set; } = default!;
    [Inject] private ICommandHandler<DeleteRoutingRuleCommand, bool> Delete { get; set; } = default!;
    [Inject] private ICommandHandler<MoveRoutingRuleCommand, bool> Move { get; set; } = default!;

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    protected override async Task OnInitializedAsync() => data = await List.HandleAsync(new ListRoutingRulesQuery());

    private void Start(RoutingRuleView? rule, QueueKind kind)
    {
        Errors = new Dictionary<string, string[]>();
        form = new FormModel { Id = rule?.Id, Name = rule?.Name, Description = rule?.Description, Kind = kind, TargetQueueId = rule?.TargetQueueId };
        if (rule?.Condition is ConditionSet set)
        {
            form.Conjunction = set.Conjunction;
            form.Rows.AddRange(set.Conditions.OfType<LeafCondition>().Select(l => new Row
            {
                Input = l.Input, Field = l.Field, Comparator = l.Comparator, Value = string.Join(", ", l.Values),
            }));
        }

        if (form.Rows.Count == 0)
        {
            form.Rows.Add(new Row());
        }
    }

    private async Task SaveAsync()
    {
        var condition = new ConditionSet(form!.Conjunction, [.. form.Rows.Select(r => (Condition)new LeafCondition(r.Input, r.Comparator,
            r.Comparator == Comparator.IsOneOf ? [.. (r.Value ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)] : [r.Value ?? string.Empty],
            r.Input == ConditionInput.ItemField ? r.Field : null))]);
        try
        {
            await Save.HandleAsync(new SaveRoutingRuleCommand(form.Id, form.Name ?? string.Empty, form.Description, form.Kind, condition, form.TargetQueueId ?? string.Empty));
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

    private static string InputName(ConditionInput input) => input switch
    {
        ConditionInput.ItemType => "Item type id",
        ConditionInput.ReportReason => "Reason given",
        ConditionInput.ReportPolicy => "Policy id chosen",
        ConditionInput.ReporterId => "Reporter id",
        ConditionInput.ReporterType => "Reporter type id",
        _ => "Item field",
    };

    private static string ComparatorName(Comparator comparator) => comparator switch
    {
        Comparator.Equals => "equals",
        Comparator.NotEquals => "does not equal",
        Comparator.Contains => "contains",
        Comparator.StartsWith => "starts with",
        Comparator.MatchesRegex => "matches regex",
        Comparator.IsOneOf => "is one of",
        Comparator.LessThan => "<",
        Comparator.LessOrEqual => "≤",
        Comparator.GreaterThan => ">",
        Comparator.GreaterOrEqual => "≥",
        Comparator.IsEmpty => "is empty",
        _ => "is not empty",
    };

    private static string Describe(Condition condition) => condition switch
    {
        ConditionSet { Conditions.Count: 0 } => "always",
        ConditionSet set => string.Join(set.Conjunction == Conjunction.And ? " and " : " or ", set.Conditions.Select(c => c is ConditionSet ? $"({Describe(c)})" : Describe(c))),
        LeafCondition leaf => $"{(leaf.Input == ConditionInput.ItemField ? $"field {leaf.Field}" : InputName(leaf.Input).ToLowerInvariant())} {ComparatorName(leaf.Comparator)} {string.Join(", ", leaf.Values)}".Trim(),
        _ => "?",
    };

    private sealed class FormModel
    {
        public string? Id { get; init; }

        public string? Name { get; set; }

        public string? Description { get; set; }

        public QueueKind Kind { get; init; }

        public string? TargetQueueId { get; set; }

        public Conjunction Conjunction { get; set; } = Conjunction.And;

        public List<Row> Rows { get; } = [];
    }

    private sealed class Row
    {
        public ConditionInput Input { get; set; } = ConditionInput.ReportReason;

        public string? Field { get; set; }

        public Comparator Comparator { get; set; } = Comparator.Contains;

        public string? Value { get; set; }
    }
}
