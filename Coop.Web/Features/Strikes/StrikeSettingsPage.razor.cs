using Coop.Web.Application;
using Coop.Web.Features.Actions;
using Coop.Web.Features.Actions.Execution;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Strikes;

/// <summary>Settings → Strikes: the thresholds that run actions when a user's score reaches them.</summary>
public sealed partial class StrikeSettingsPage
{
    private List<ThresholdRow>? rows;
    private IReadOnlyList<ActionView> actions = [];
    private int ttlDays;
    private bool saving;

    [Inject]
    private IQueryHandler<GetStrikeSettingsQuery, StrikeSettingsView> GetSettings { get; set; } = default!;

    [Inject]
    private ICommandHandler<SaveStrikeThresholdsCommand, StrikeSettingsView> SaveThresholds { get; set; } = default!;

    [Inject]
    private IQueryHandler<ListActionsQuery, IReadOnlyList<ActionView>> ListActions { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    protected override async Task OnInitializedAsync()
    {
        actions = await ListActions.HandleAsync(new ListActionsQuery());
        Show(await GetSettings.HandleAsync(new GetStrikeSettingsQuery()));
    }

    private void AddRow() => rows!.Add(new ThresholdRow { Threshold = (rows.Count == 0 ? 0 : rows.Max(r => r.Threshold)) + 3 });

    private static void SetActions(ThresholdRow row, IEnumerable<string> ids) => row.ActionIds = [.. ids];

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            var inputs = rows!.Select(r => new StrikeThresholdInput(r.Threshold, [.. r.ActionIds],
                r.ActionIds.Select(id => actions.FirstOrDefault(a => a.Id == id)).OfType<ActionView>()
                    .ToDictionary(a => a.Id, a => r.FormFor(a).ToParameters(a)))).ToList();
            Show(await SaveThresholds.HandleAsync(new SaveStrikeThresholdsCommand(inputs)));
            Errors = new Dictionary<string, string[]>();
            Snackbar.Add("Saved the strike thresholds.", Severity.Success);
        }
        catch (ValidationFailedException ex)
        {
            Errors = ex.Errors;
        }
        finally
        {
            saving = false;
        }
    }

    private void Show(StrikeSettingsView view)
    {
        ttlDays = view.StrikeTtlDays;
        rows = [.. view.Thresholds.Select(t =>
        {
            var row = new ThresholdRow { Threshold = t.Threshold, ActionIds = [.. t.ActionIds] };
            foreach (var action in actions.Where(a => t.ActionIds.Contains(a.Id)))
            {
                row.FormFor(action).Load(action, t.Parameters?.GetValueOrDefault(action.Id));
            }

            return row;
        })];
    }

    private string? ErrorFor(string key) => Errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    /// <summary>The errors of one action's parameters in one row, keyed as <see cref="ActionParameterInputs"/> reads them.</summary>
    private Dictionary<string, string[]> ParameterErrors(int index, string actionId)
    {
        var prefix = $"thresholds/{index}/parameters/{actionId}/";
        return Errors.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(e => $"parameters/{e.Key[prefix.Length..]}", e => e.Value, StringComparer.Ordinal);
    }

    private sealed class ThresholdRow
    {
        private readonly Dictionary<string, RunActionFormModel> forms = new(StringComparer.Ordinal);

        public int Threshold { get; set; }

        public HashSet<string> ActionIds { get; set; } = [];

        /// <summary>The parameter values of one of the row's actions (started from its defaults).</summary>
        public RunActionFormModel FormFor(ActionView action)
        {
            if (!forms.TryGetValue(action.Id, out var form))
            {
                form = new RunActionFormModel();
                form.Reset(action);
                forms[action.Id] = form;
            }

            return form;
        }
    }
}
