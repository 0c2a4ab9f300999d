using System.Globalization;
using System.Text.Json.Nodes;
using Coop.Domain.Conditions;
using Coop.Domain.Rules;
using Coop.Web.Features.Actions;
using Coop.Web.Features.Actions.Execution;

namespace Coop.Web.Features.Rules.Management;

/// <summary>The rule editor's form: what the inputs bind to, turned into a <see cref="RuleInput"/> on save.</summary>
public sealed class RuleFormModel
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public RuleStatus Status { get; set; } = RuleStatus.Draft;

    public IReadOnlyCollection<string> ItemTypeIds { get; set; } = [];

    public Condition Condition { get; set; } = new ConditionSet(Conjunction.And, []);

    public IReadOnlyCollection<string> ActionIds { get; set; } = [];

    /// <summary>Parameter values per action (the run-action form's model, reused).</summary>
    public Dictionary<string, RunActionFormModel> Parameters { get; } = new(StringComparer.Ordinal);

    public IReadOnlyCollection<string> PolicyIds { get; set; } = [];

    public string? EnqueueQueueId { get; set; }

    public string? TagsText { get; set; }

    public int? MaxDailyActions { get; set; }

    /// <summary>The expiry as the date-time input gives it (<c>yyyy-MM-ddTHH:mm</c>, UTC).</summary>
    public string? ExpiresAtText { get; set; }

    public static RuleFormModel From(RuleInput input, IReadOnlyList<ActionView> actions)
    {
        ArgumentNullException.ThrowIfNull(input);
        var form = new RuleFormModel
        {
            Name = input.Name,
            Description = input.Description,
            Status = input.Status,
            ItemTypeIds = input.ItemTypeIds.ToHashSet(StringComparer.Ordinal),
            Condition = input.Condition,
            ActionIds = input.ActionIds.ToHashSet(StringComparer.Ordinal),
            PolicyIds = input.PolicyIds.ToHashSet(StringComparer.Ordinal),
            EnqueueQueueId = input.EnqueueQueueId,
            TagsText = string.Join(", ", input.Tags),
            MaxDailyActions = input.MaxDailyActions,
            ExpiresAtText = input.ExpiresAt?.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
        };
        form.SyncParameters(actions, input.ActionParameters);
        return form;
    }

    /// <summary>Keeps one parameter form per chosen action that has parameters (new ones start from the defaults).</summary>
    public void SyncParameters(IReadOnlyList<ActionView> actions, IReadOnlyDictionary<string, JsonObject?>? saved = null)
    {
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var id in Parameters.Keys.Except(ActionIds).ToList())
        {
            Parameters.Remove(id);
        }

        foreach (var action in actions.Where(a => ActionIds.Contains(a.Id) && a.Parameters is { Count: > 0 } && !Parameters.ContainsKey(a.Id)))
        {
            var model = new RunActionFormModel { ActionId = action.Id };
            model.Load(action, saved?.GetValueOrDefault(action.Id));
            Parameters[action.Id] = model;
        }
    }

    /// <summary>The input for the use cases; <paramref name="expiresAtError"/> says when the expiry is not a date.</summary>
    public RuleInput ToInput(IReadOnlyList<ActionView> actions, out string? expiresAtError)
    {
        ArgumentNullException.ThrowIfNull(actions);
        expiresAtError = null;
        DateTime? expires = null;
        if (!string.IsNullOrWhiteSpace(ExpiresAtText))
        {
            if (DateTime.TryParse(ExpiresAtText, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            {
                expires = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
            }
            else
            {
                expiresAtError = "Give the expiry as a date and time (UTC).";
            }
        }

        var parameters = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
        foreach (var action in actions.Where(a => ActionIds.Contains(a.Id)))
        {
            if (Parameters.TryGetValue(action.Id, out var model))
            {
                parameters[action.Id] = model.ToParameters(action);
            }
        }

        var orderedActions = actions.Select(a => a.Id).Where(ActionIds.Contains).Concat(ActionIds.Where(id => actions.All(a => a.Id != id))).ToList();
        return new RuleInput(
            Name?.Trim() ?? string.Empty, Description, Status, [.. ItemTypeIds.Order(StringComparer.Ordinal)], Condition, orderedActions, parameters,
            [.. PolicyIds.Order(StringComparer.Ordinal)], string.IsNullOrWhiteSpace(EnqueueQueueId) ? null : EnqueueQueueId,
            [.. (TagsText ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal)],
            MaxDailyActions, expires);
    }
}
