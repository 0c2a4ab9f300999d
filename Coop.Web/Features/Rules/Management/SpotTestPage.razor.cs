using Coop.Web.Application;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Rules.Management;

/// <summary>Runs rules on a pasted item and shows each rule's condition trace.</summary>
public sealed partial class SpotTestPage
{
    private static readonly IReadOnlyDictionary<string, string[]> NoErrors = new Dictionary<string, string[]>();

    private RuleEditorOptions? options;
    private string? itemTypeId;
    private string? itemId;
    private string? dataJson = "{\n  \n}";
    private SpotTestView? result;
    private bool running;

    /// <summary>Tests only this rule (from the rule page's Spot test button).</summary>
    [SupplyParameterFromQuery(Name = "ruleId")]
    public string? RuleId { get; set; }

    [Inject] private IQueryHandler<GetRuleEditorOptionsQuery, RuleEditorOptions> Options { get; set; } = default!;
    [Inject] private IQueryHandler<GetRuleQuery, RuleDetails?> GetRule { get; set; } = default!;
    [Inject] private IQueryHandler<SpotTestQuery, SpotTestView> SpotTest { get; set; } = default!;

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = NoErrors;

    private string? RuleName { get; set; }

    private static List<BreadcrumbItem> Crumbs => [new("Rules", "/rules"), new("Spot test", null, disabled: true)];

    private string? SchemaHint => options?.ItemTypes.FirstOrDefault(t => t.Id == itemTypeId) is { } type
        ? "Fields: " + string.Join(", ", type.Fields.Select(f => $"{f.Name} ({f.DisplayType}{(f.Required ? ", required" : string.Empty)})"))
        : null;

    protected override async Task OnParametersSetAsync()
    {
        options ??= await Options.HandleAsync(new GetRuleEditorOptionsQuery());
        if (RuleId is not null && await GetRule.HandleAsync(new GetRuleQuery(RuleId)) is { } rule)
        {
            RuleName = rule.Rule.Name;
            itemTypeId ??= rule.Rule.ItemTypeIds.Count > 0 ? rule.Rule.ItemTypeIds[0] : null;
        }

        itemTypeId ??= options.ItemTypes.FirstOrDefault(t => t.Kind == Domain.ItemTypes.ItemTypeKind.Content)?.Id ?? (options.ItemTypes.Count > 0 ? options.ItemTypes[0].Id : null);
    }

    private async Task RunAsync()
    {
        running = true;
        try
        {
            result = await SpotTest.HandleAsync(new SpotTestQuery(itemTypeId ?? string.Empty, dataJson ?? "{}", itemId, RuleId is null ? null : [RuleId]));
            Errors = NoErrors;
        }
        catch (ValidationFailedException ex)
        {
            Errors = ex.Errors;
            result = null;
        }
        finally
        {
            running = false;
        }
    }

    private string? ErrorFor(string key) => Errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    private string? SignalName(string id) => options?.Signals.FirstOrDefault(s => s.Id == id)?.Name;
}
