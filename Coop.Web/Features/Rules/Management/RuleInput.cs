using System.Text.Json.Nodes;
using Coop.Domain.Conditions;
using Coop.Domain.Rules;

namespace Coop.Web.Features.Rules.Management;

/// <summary>
/// A rule as the editor gives it (and <see cref="GetRuleQuery"/> returns it). <see cref="ActionParameters"/> holds parameter
/// values per action id; values for actions the rule does not run are dropped.
/// </summary>
public sealed record RuleInput(
    string Name,
    string? Description,
    RuleStatus Status,
    IReadOnlyList<string> ItemTypeIds,
    Condition Condition,
    IReadOnlyList<string> ActionIds,
    IReadOnlyDictionary<string, JsonObject?>? ActionParameters,
    IReadOnlyList<string> PolicyIds,
    string? EnqueueQueueId,
    IReadOnlyList<string> Tags,
    int? MaxDailyActions,
    DateTime? ExpiresAt)
{
    /// <summary>A new draft: all of one AND group, nothing else.</summary>
    public static RuleInput Empty { get; } = new(string.Empty, null, RuleStatus.Draft, [], new ConditionSet(Conjunction.And, []), [], null, [], null, [], null, null);

    public RuleDefinition ToDefinition()
    {
        var parameters = new JsonObject();
        foreach (var actionId in ActionIds.Distinct(StringComparer.Ordinal))
        {
            if (ActionParameters?.GetValueOrDefault(actionId) is { Count: > 0 } values)
            {
                parameters[actionId] = JsonNode.Parse(values.ToJsonString());
            }
        }

        return new RuleDefinition(
            Name ?? string.Empty, Description, Status, [.. ItemTypeIds], ConditionEvaluator.Serialize(Condition), [.. ActionIds], parameters.ToJsonString(),
            [.. PolicyIds], EnqueueQueueId, [.. Tags.Select(t => t.Trim()).Where(t => t.Length > 0)], MaxDailyActions, ExpiresAt);
    }

    public static RuleInput From(RuleDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var parameters = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
        if (JsonNode.Parse(string.IsNullOrWhiteSpace(definition.ActionParametersJson) ? "{}" : definition.ActionParametersJson) is JsonObject all)
        {
            foreach (var (actionId, values) in all)
            {
                parameters[actionId] = values is JsonObject o ? JsonNode.Parse(o.ToJsonString())!.AsObject() : null;
            }
        }

        return new RuleInput(
            definition.Name, definition.Description, definition.Status, definition.ItemTypeIds, ConditionEvaluator.Deserialize(definition.ConditionJson),
            definition.ActionIds, parameters, definition.PolicyIds, definition.EnqueueQueueId, definition.Tags, definition.MaxDailyActions, definition.ExpiresAt);
    }
}
