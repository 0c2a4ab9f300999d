using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Conditions;
using Coop.Domain.Rules;
using Coop.Web.Features.Actions.Execution;

namespace Coop.Web.Features.Rules.Engine;

/// <summary>A rule ready to evaluate: its parsed condition, and the actions and policies it runs, loaded.</summary>
public sealed record CompiledRule(
    string Id,
    string OrganizationId,
    string Name,
    int Version,
    RuleStatus Status,
    IReadOnlySet<string> ItemTypeIds,
    Condition Condition,
    IReadOnlyList<ActionInvocation> Actions,
    IReadOnlyList<PolicyReference> Policies,
    string? EnqueueQueueId,
    int? MaxDailyActions,
    DateTime? ExpiresAt)
{
    /// <summary>Whether the rule does anything when it passes in an acting environment.</summary>
    public bool HasEffects => Actions.Count > 0 || EnqueueQueueId is not null;

    public bool AppliesTo(string itemTypeId) => ItemTypeIds.Contains(itemTypeId);

    /// <summary>
    /// Compiles <paramref name="rule"/> with the organization's <paramref name="actions"/> and <paramref name="policies"/>
    /// (those no longer there are left out). An unreadable condition compiles to null.
    /// </summary>
    public static CompiledRule? From(Rule rule, IReadOnlyDictionary<string, ActionDefinition> actions, IReadOnlyDictionary<string, PolicyReference> policies)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(actions);
        ArgumentNullException.ThrowIfNull(policies);
        Condition condition;
        try
        {
            condition = ConditionEvaluator.Deserialize(rule.ConditionJson);
        }
        catch (JsonException)
        {
            return null;
        }

        var parameters = JsonNode.Parse(rule.ActionParameters) as JsonObject;
        return new CompiledRule(
            rule.Id, rule.OrganizationId, rule.Name, rule.Version, rule.Status, rule.ItemTypeIdList.ToHashSet(StringComparer.Ordinal), condition,
            [.. rule.ActionIdList.Where(actions.ContainsKey).Select(id => new ActionInvocation(actions[id], parameters?[id]?.DeepClone() as JsonObject))],
            [.. rule.PolicyIdList.Where(policies.ContainsKey).Select(id => policies[id])],
            rule.EnqueueQueueId, rule.MaxDailyActions, rule.ExpiresAt);
    }
}
