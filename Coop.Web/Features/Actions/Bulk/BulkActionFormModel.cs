using System.Text.Json.Nodes;
using Coop.Web.Features.Actions.Execution;

namespace Coop.Web.Features.Actions.Bulk;

/// <summary>The bulk action form: item type, pasted ids, actions with their parameter values, policies, reason.</summary>
public sealed class BulkActionFormModel
{
    private readonly Dictionary<string, RunActionFormModel> values = new(StringComparer.Ordinal);

    public string? ItemTypeId { get; set; }

    public string? IdsText { get; set; }

    public IReadOnlyCollection<string> ActionIds { get; set; } = [];

    public IReadOnlyCollection<string> PolicyIds { get; set; } = [];

    public string? Reason { get; set; }

    /// <summary>The parameter inputs of one action, started from its defaults.</summary>
    public RunActionFormModel ValuesFor(ActionView action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!values.TryGetValue(action.Id, out var model))
        {
            model = new RunActionFormModel { ActionId = action.Id };
            model.Reset(action);
            values[action.Id] = model;
        }

        return model;
    }

    /// <summary>Each chosen action's parameter values, as the use case takes them.</summary>
    public Dictionary<string, JsonObject?> Parameters(IEnumerable<ActionView> actions) =>
        actions.ToDictionary(a => a.Id, a => ValuesFor(a).ToParameters(a), StringComparer.Ordinal);
}
