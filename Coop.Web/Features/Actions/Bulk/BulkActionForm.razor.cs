using Coop.Domain.Actions;
using Coop.Web.Application;
using Coop.Web.Features.Policies;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Actions.Bulk;

/// <summary>Choose the items, actions, policies and reason; preview the count; confirm; the run starts in the background.</summary>
public sealed partial class BulkActionForm
{
    private readonly BulkActionFormModel form = new();
    private IReadOnlyList<ActionView>? actions;
    private IReadOnlyList<ItemTypeOption> itemTypes = [];
    private List<PolicyView> policies = [];
    private BulkActionPreview? preview;
    private bool busy;
    private int prefilled;
    private int leftOut;
    private bool selectionMissing;
    private List<string>? selectedIds;

    /// <summary>Called with the new run's id once it has started.</summary>
    [Parameter]
    public EventCallback<string> OnStarted { get; set; }

    /// <summary>A token from <see cref="StashBulkSelectionCommand"/>: its items are prefilled.</summary>
    [Parameter]
    public string? SelectionToken { get; set; }

    [Inject]
    private IQueryHandler<GetBulkSelectionQuery, BulkSelection?> GetSelection { get; set; } = default!;

    [Inject]
    private IQueryHandler<ListActionsQuery, IReadOnlyList<ActionView>> ListActions { get; set; } = default!;

    [Inject]
    private IQueryHandler<ListActionItemTypesQuery, IReadOnlyList<ItemTypeOption>> ListItemTypes { get; set; } = default!;

    [Inject]
    private IQueryHandler<ListPoliciesQuery, IReadOnlyList<PolicyNode>> ListPolicies { get; set; } = default!;

    [Inject]
    private IQueryHandler<PreviewBulkActionQuery, BulkActionPreview> Preview { get; set; } = default!;

    [Inject]
    private ICommandHandler<StartBulkActionCommand, BulkActionStarted> Start { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    private IEnumerable<ActionView> SelectedActions => (actions ?? []).Where(a => form.ActionIds.Contains(a.Id));

    /// <summary>The actions that apply to the chosen item type (by id or by kind; all types when an action names none).</summary>
    private IEnumerable<ActionView> ApplicableActions => (actions ?? []).Where(a =>
        itemTypes.FirstOrDefault(t => t.Id == form.ItemTypeId) is not { } type
        || (a.ItemTypeIds.Count == 0 && a.AppliesToAllItemsOfKinds.Count == 0)
        || a.ItemTypeIds.Contains(type.Id) || a.AppliesToAllItemsOfKinds.Contains(type.Kind, StringComparer.OrdinalIgnoreCase));

    private static string IdsHelp => $"One per line, or separated by commas or spaces; blanks and repeats are dropped. At most {BulkActionRun.MaxItems:N0}.";

    protected override async Task OnInitializedAsync()
    {
        try
        {
            itemTypes = await ListItemTypes.HandleAsync(new ListActionItemTypesQuery());
            policies = Flatten(await ListPolicies.HandleAsync(new ListPoliciesQuery())).ToList();
            actions = [.. (await ListActions.HandleAsync(new ListActionsQuery())).Where(a => a.ActionType == ActionType.CustomAction)];
            form.ItemTypeId = itemTypes.Count > 0 ? itemTypes[0].Id : null;
            if (!string.IsNullOrWhiteSpace(SelectionToken))
            {
                Prefill(await GetSelection.HandleAsync(new GetBulkSelectionQuery(SelectionToken)));
            }
        }
        catch (ForbiddenAccessException ex)
        {
            actions = [];
            Errors = new Dictionary<string, string[]> { [string.Empty] = [ex.Message] };
        }
    }

    /// <summary>A run acts on one item type: the selection's most common type is prefilled, and the rest counted as left out.</summary>
    private void Prefill(BulkSelection? selection)
    {
        if (selection is null || selection.Items.Count == 0)
        {
            selectionMissing = true;
            return;
        }

        var largest = selection.Items.GroupBy(i => i.ItemTypeId, StringComparer.Ordinal)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
            .First();
        form.ItemTypeId = largest.Key;
        // Taken as they are (an id may hold spaces or commas), until the text is edited; then it is read like pasted ids.
        selectedIds = [.. largest.Select(i => i.ItemId)];
        form.IdsText = string.Join("\n", selectedIds);
        prefilled = largest.Count();
        leftOut = selection.Items.Count - prefilled;
    }

    private string? PrefilledTypeName => itemTypes.FirstOrDefault(t => t.Id == form.ItemTypeId)?.Name ?? form.ItemTypeId;

    private void SelectItemType(string? itemTypeId)
    {
        form.ItemTypeId = itemTypeId;
        form.ActionIds = [.. form.ActionIds.Where(id => ApplicableActions.Any(a => a.Id == id))];
        preview = null;
    }

    private void SelectActions(IEnumerable<string> ids) => form.ActionIds = [.. ids];

    private IReadOnlyList<string> ItemIds => selectedIds ?? BulkItemIds.Split(form.IdsText);

    private void SetIds(string? text)
    {
        if (text != form.IdsText)
        {
            selectedIds = null;
        }

        form.IdsText = text;
        preview = null;
    }

    private async Task PreviewAsync()
    {
        busy = true;
        try
        {
            preview = await Preview.HandleAsync(new PreviewBulkActionQuery(form.ItemTypeId ?? string.Empty, ItemIds));
            Errors = new Dictionary<string, string[]>();
        }
        catch (ValidationFailedException ex)
        {
            preview = null;
            Errors = ex.Errors;
        }
        catch (ForbiddenAccessException ex)
        {
            Errors = new Dictionary<string, string[]> { [string.Empty] = [ex.Message] };
        }
        finally
        {
            busy = false;
        }
    }

    private async Task StartAsync()
    {
        if (preview is not { TooMany: false } seen)
        {
            return;
        }

        var chosen = SelectedActions.ToList();
        var names = chosen.Count == 0 ? "the chosen actions" : string.Join(", ", chosen.Select(a => a.Name));
        var confirmed = await Dialogs.ShowMessageBoxAsync(
            $"Run {names} on {seen.Distinct:N0} item(s)?",
            $"Each item's callback goes to the platform ({seen.Known:N0} known to Coop, {seen.Unknown:N0} by id only). This cannot be undone; you can cancel the run while it is in progress.",
            yesText: $"Run on {seen.Distinct:N0} items", cancelText: "Back");
        if (confirmed != true)
        {
            return;
        }

        busy = true;
        try
        {
            var started = await Start.HandleAsync(new StartBulkActionCommand(form.ItemTypeId ?? string.Empty, ItemIds,
                [.. form.ActionIds], [.. form.PolicyIds], form.Parameters(chosen), form.Reason));
            Errors = new Dictionary<string, string[]>();
            await OnStarted.InvokeAsync(started.RunId);
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
            busy = false;
        }
    }

    /// <summary>One action's parameter errors, keyed as <see cref="Execution.ActionParameterInputs"/> reads them.</summary>
    private Dictionary<string, string[]> ParameterErrors(string actionId)
    {
        var prefix = $"actions/{actionId}/";
        return Errors.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal)).ToDictionary(e => e.Key[prefix.Length..], e => e.Value);
    }

    private string ActionName(string? id) => actions?.FirstOrDefault(a => a.Id == id)?.Name ?? id ?? string.Empty;

    private string PolicyName(string? id) => policies.FirstOrDefault(p => p.Id == id)?.Name ?? id ?? string.Empty;

    private string? ErrorFor(string key) => Errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    private static IEnumerable<PolicyView> Flatten(IEnumerable<PolicyNode> nodes) =>
        nodes.SelectMany(n => Flatten(n.Children).Prepend(n.Policy));
}
