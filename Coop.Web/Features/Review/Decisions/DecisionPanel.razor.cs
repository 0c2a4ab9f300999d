using Coop.Domain.Moderation;
using Coop.Web.Application;
using Coop.Web.Features.Actions;
using Coop.Web.Features.Actions.Execution;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Features.Review.Decisions;

/// <summary>
/// The reviewer's decision controls for one job. Pages drive it by keyboard through <see cref="StartAsync"/> and
/// <see cref="SubmitAsync"/>; it reports a recorded decision through <see cref="OnDecided"/>.
/// </summary>
public sealed partial class DecisionPanel
{
    private readonly Dictionary<string, Dictionary<string, object?>> chosenActions = new(StringComparer.Ordinal);
    private IReadOnlyCollection<string> chosenPolicies = [];
    private DecisionKind? mode;
    private string? reason;
    private string? targetQueueId;
    private bool busy;
    private MudTextField<string>? reasonField;

    [Parameter, EditorRequired]
    public DecisionOptions Options { get; set; } = default!;

    [Parameter]
    public EventCallback<DecisionOutcome> OnDecided { get; set; }

    [Inject]
    private ICommandHandler<SubmitDecisionCommand, DecisionOutcome> Submit { get; set; } = default!;

    private IReadOnlyDictionary<string, string[]> Errors { get; set; } = new Dictionary<string, string[]>();

    private string ReasonLabel => (mode, Options) switch
    {
        (DecisionKind.Action or DecisionKind.Move, { RequireReasonOnAction: true }) => "Reason *",
        (null, { RequireReasonOnIgnore: true }) => "Reason (required to ignore) *",
        _ => "Reason (optional, sent as decisionReason)",
    };

    /// <summary>Opens the action or move choices (keyboard <c>a</c> / <c>m</c>), or submits a one-step decision.</summary>
    public Task StartAsync(DecisionKind kind)
    {
        if (kind is DecisionKind.Action or DecisionKind.Move)
        {
            Choose(kind);
            StateHasChanged();
            return Task.CompletedTask;
        }

        return SubmitAsync(kind);
    }

    /// <summary>Submits the decision being prepared (Ctrl+Enter), when one is.</summary>
    public Task SubmitPreparedAsync() => mode is { } kind ? SubmitAsync(kind) : Task.CompletedTask;

    /// <summary>Moves keyboard focus to the reason box.</summary>
    public async Task FocusReasonAsync()
    {
        if (reasonField is not null)
        {
            await reasonField.FocusAsync();
        }
    }

    public async Task SubmitAsync(DecisionKind kind)
    {
        if (busy)
        {
            return;
        }

        busy = true;
        try
        {
            var actions = kind == DecisionKind.Action
                ? Options.Actions.Where(a => chosenActions.ContainsKey(a.Id))
                    .Select(a => new DecisionActionInput(a.Id, Values(a).ToParameters(a))).ToList()
                : null;
            var outcome = await Submit.HandleAsync(new SubmitDecisionCommand(
                Options.JobId, kind, actions, kind == DecisionKind.Action ? [.. chosenPolicies] : null, reason,
                kind == DecisionKind.Move ? targetQueueId : null));
            Errors = new Dictionary<string, string[]>();
            Reset();
            await OnDecided.InvokeAsync(outcome);
        }
        catch (ValidationFailedException ex)
        {
            Errors = ex.Errors;
            if (kind is DecisionKind.Action or DecisionKind.Move)
            {
                mode = kind;
            }
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

    private void Choose(DecisionKind? kind)
    {
        mode = kind;
        Errors = new Dictionary<string, string[]>();
        if (kind == DecisionKind.Move)
        {
            targetQueueId ??= Options.MoveTargets.Count == 1 ? Options.MoveTargets[0].Id : null;
        }

        // With one action to choose from, choose it: "a" then Ctrl+Enter decides without the mouse.
        if (kind == DecisionKind.Action && Options.Actions.Count == 1 && chosenActions.Count == 0)
        {
            Toggle(Options.Actions[0], true);
        }
    }

    private void Toggle(ActionView action, bool chosen)
    {
        if (!chosen)
        {
            chosenActions.Remove(action.Id);
            return;
        }

        var form = new RunActionFormModel();
        form.Reset(action);
        chosenActions[action.Id] = new Dictionary<string, object?>(form.Values, StringComparer.Ordinal);
    }

    private RunActionFormModel Values(ActionView action)
    {
        var form = new RunActionFormModel();
        foreach (var (name, value) in chosenActions[action.Id])
        {
            form.Values[name] = value;
        }

        return form;
    }

    /// <summary>The errors of one chosen action's parameters, keyed as its inputs expect (<c>parameters/{name}</c>).</summary>
    private Dictionary<string, string[]> ParameterErrors(ActionView action)
    {
        var index = Options.Actions.Where(a => chosenActions.ContainsKey(a.Id)).ToList().FindIndex(a => a.Id == action.Id);
        var prefix = $"actions/{index}/";
        return Errors.Where(e => e.Key.StartsWith(prefix, StringComparison.Ordinal))
            .ToDictionary(e => e.Key[prefix.Length..], e => e.Value, StringComparer.Ordinal);
    }

    private void Reset()
    {
        mode = null;
        reason = null;
        targetQueueId = null;
        chosenActions.Clear();
        chosenPolicies = [];
    }

    private string PolicyName(string? id) => Options.Policies.FirstOrDefault(p => p.Id == id)?.Name ?? id ?? string.Empty;

    private string? ErrorFor(string key) => Errors.TryGetValue(key, out var messages) ? string.Join(" ", messages) : null;
}
