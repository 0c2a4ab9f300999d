using Coop.Domain.Actions;
using Coop.Web.Application;
using Coop.Web.Features.Policies;
using Microsoft.AspNetCore.Components;

namespace Coop.Web.Features.Actions.Execution;

public sealed partial class RunActionPage
{
    private readonly RunActionFormModel form = new();
    private IReadOnlyList<ActionView>? actions;
    private IReadOnlyList<ItemTypeOption> itemTypes = [];
    private List<PolicyView> policies = [];
    private RunActionOutcome? outcome;
    private string lastTarget = string.Empty;
    private string lastItem = string.Empty;
    private bool running;

    [SupplyParameterFromQuery(Name = "actionId")]
    public string? InitialActionId { get; set; }

    [SupplyParameterFromQuery(Name = "itemTypeId")]
    public string? InitialItemTypeId { get; set; }

    [SupplyParameterFromQuery(Name = "itemId")]
    public string? InitialItemId { get; set; }

    [Inject]
    private IQueryHandler<ListActionsQuery, IReadOnlyList<ActionView>> ListActions { get; set; } = default!;

    [Inject]
    private IQueryHandler<ListActionItemTypesQuery, IReadOnlyList<ItemTypeOption>> ListItemTypes { get; set; } = default!;

    [Inject]
    private IQueryHandler<ListPoliciesQuery, IReadOnlyList<PolicyNode>> ListPolicies { get; set; } = default!;

    [Inject]
    private ICommandHandler<RunActionCommand, RunActionOutcome> RunAction { get; set; } = default!;

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    private ActionView? Selected => actions?.FirstOrDefault(a => a.Id == form.ActionId);

    /// <summary>The item types the selected action applies to (by id or by kind); all of them when it names none.</summary>
    private IEnumerable<ItemTypeOption> ApplicableTypes =>
        Selected is not { } action || (action.ItemTypeIds.Count == 0 && action.AppliesToAllItemsOfKinds.Count == 0)
            ? itemTypes
            : itemTypes.Where(t => action.ItemTypeIds.Contains(t.Id) || action.AppliesToAllItemsOfKinds.Contains(t.Kind, StringComparer.OrdinalIgnoreCase));

    private string DeliveriesHref => $"/actions/deliveries?itemTypeId={Uri.EscapeDataString(form.ItemTypeId ?? string.Empty)}&itemId={Uri.EscapeDataString(lastItem)}";

    protected override async Task OnInitializedAsync()
    {
        try
        {
            itemTypes = await ListItemTypes.HandleAsync(new ListActionItemTypesQuery());
            policies = Flatten(await ListPolicies.HandleAsync(new ListPoliciesQuery())).ToList();
            actions = [.. (await ListActions.HandleAsync(new ListActionsQuery())).Where(a => a.ActionType == ActionType.CustomAction)];
            SelectAction(actions.FirstOrDefault(a => a.Id == InitialActionId)?.Id ?? (actions.Count > 0 ? actions[0].Id : null));
            form.ItemTypeId = InitialItemTypeId ?? form.ItemTypeId;
            form.ItemId = InitialItemId;
        }
        catch (ForbiddenAccessException ex)
        {
            actions = [];
            Errors = new Dictionary<string, string[]> { [string.Empty] = [ex.Message] };
        }
    }

    private void SelectAction(string? actionId)
    {
        form.ActionId = actionId;
        form.Reset(Selected);
        if (form.ItemTypeId is not null && ApplicableTypes.All(t => t.Id != form.ItemTypeId))
        {
            form.ItemTypeId = null;
        }

        form.ItemTypeId ??= ApplicableTypes.FirstOrDefault()?.Id;
    }

    private async Task RunAsync()
    {
        if (Selected is not { } action)
        {
            Errors = new Dictionary<string, string[]> { ["actionId"] = ["Choose an action."] };
            return;
        }

        running = true;
        outcome = null;
        try
        {
            var command = new RunActionCommand(action.Id, form.ItemTypeId ?? string.Empty, form.ItemId ?? string.Empty, [.. form.PolicyIds],
                form.ToParameters(action), form.Note);
            outcome = await RunAction.HandleAsync(command);
            lastItem = command.ItemId.Trim();
            lastTarget = $"{itemTypes.FirstOrDefault(t => t.Id == command.ItemTypeId)?.Name ?? command.ItemTypeId} {lastItem}";
            Errors = new Dictionary<string, string[]>();
        }
        catch (ValidationFailedException ex)
        {
            Errors = ex.Errors;
        }
        catch (ForbiddenAccessException ex)
        {
            Errors = new Dictionary<string, string[]> { [string.Empty] = [ex.Message] };
        }
        finally
        {
            running = false;
        }
    }

    private string PolicyName(string? id) => policies.FirstOrDefault(p => p.Id == id)?.Name ?? id ?? string.Empty;

    private string? ErrorFor(string key) => Errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    private static IEnumerable<PolicyView> Flatten(IEnumerable<PolicyNode> nodes) =>
        nodes.SelectMany(n => Flatten(n.Children).Prepend(n.Policy));
}
