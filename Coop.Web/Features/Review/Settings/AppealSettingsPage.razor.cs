using Coop.Web.Application;
using Coop.Web.Features.Actions;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Review.Settings;

/// <summary>Settings → Appeals: whether appeals are taken, and the undo action per appealed action.</summary>
public sealed partial class AppealSettingsPage
{
    private FormModel? form;
    private IReadOnlyList<ActionView> actions = [];
    private bool hasCallback;
    private bool saving;

    [Inject]
    private IQueryHandler<GetAppealSettingsQuery, AppealSettingsView> GetSettings { get; set; } = default!;

    [Inject]
    private ICommandHandler<SaveAppealSettingsCommand, AppealSettingsView> SaveSettings { get; set; } = default!;

    [Inject]
    private IQueryHandler<ListActionsQuery, IReadOnlyList<ActionView>> ListActions { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    protected override async Task OnInitializedAsync()
    {
        actions = await ListActions.HandleAsync(new ListActionsQuery());
        Show(await GetSettings.HandleAsync(new GetAppealSettingsQuery()));
    }

    private async Task SaveAsync()
    {
        saving = true;
        try
        {
            Show(await SaveSettings.HandleAsync(new SaveAppealSettingsCommand(form!.Enabled,
                [.. form.Pairs.Select(p => new AppealUndoPair(p.AppealedActionId, p.UndoActionId))])));
            Errors = new Dictionary<string, string[]>();
            Snackbar.Add("Saved the appeal settings.", Severity.Success);
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

    private void Show(AppealSettingsView view)
    {
        hasCallback = view.HasAppealCallback;
        form = new FormModel
        {
            Enabled = view.Enabled,
            Pairs = [.. view.UndoActions.Select(p => new PairRow { AppealedActionId = p.AppealedActionId, UndoActionId = p.UndoActionId })],
        };
    }

    private string? ErrorFor(string key) => Errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;

    private sealed class FormModel
    {
        public bool Enabled { get; set; }

        public List<PairRow> Pairs { get; init; } = [];
    }

    private sealed class PairRow
    {
        public string? AppealedActionId { get; set; }

        public string? UndoActionId { get; set; }
    }
}
