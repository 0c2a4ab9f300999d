using Coop.Domain.Actions;
using Coop.Domain.Conditions;
using Coop.Domain.Moderation;
using Coop.Domain.Rules;
using Coop.Domain.Signals;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Rules.Signals;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.Management;

/// <summary>
/// Checks a rule before it is saved. Error keys are field paths: <c>Name</c>, <c>Description</c>, <c>ItemTypeIds</c>,
/// <c>Condition</c> (the whole condition), <c>Condition/0/1</c> (a nested condition, as the condition's JSON nests),
/// <c>Condition/0/signal/strings/2</c> (a signal's value), <c>ActionIds</c>, <c>ActionParameters/{actionId}/{parameter}</c>,
/// <c>PolicyIds</c>, <c>EnqueueQueueId</c>, <c>Tags</c>, <c>MaxDailyActions</c>.
/// </summary>
internal static class RuleValidation
{
    public const int MaxTags = 20;
    public const int TagMaxLength = 64;

    public static async Task<Dictionary<string, string[]>> ValidateAsync(
        CoopDbContext db, string organizationId, string? ruleId, RuleInput input, SignalRegistry registry, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string key, string message) => (errors.TryGetValue(key, out var list) ? list : errors[key] = []).Add(message);

        var name = input.Name?.Trim() ?? string.Empty;
        if (name.Length == 0 || name.Length > Rule.NameMaxLength)
        {
            Add("Name", $"Name the rule (at most {Rule.NameMaxLength} characters).");
        }
        else
        {
            var others = await db.Rules.AsNoTracking().Where(r => r.OrganizationId == organizationId && r.Id != ruleId).Select(r => r.Name).ToListAsync(cancellationToken);
            if (others.Any(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase)))
            {
                Add("Name", $"Another rule is already named '{name}'.");
            }
        }

        if (input.Description?.Length > Rule.DescriptionMaxLength)
        {
            Add("Description", $"Keep the description under {Rule.DescriptionMaxLength} characters.");
        }

        var itemTypeIds = (input.ItemTypeIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        var itemTypes = await db.ItemTypes.AsNoTracking().Where(t => t.OrganizationId == organizationId && itemTypeIds.Contains(t.Id)).ToListAsync(cancellationToken);
        if (itemTypeIds.Count == 0)
        {
            Add("ItemTypeIds", "Choose at least one item type the rule runs on.");
        }
        else if (itemTypeIds.Except(itemTypes.Select(t => t.Id)).ToList() is { Count: > 0 } unknownTypes)
        {
            Add("ItemTypeIds", $"There is no item type {string.Join(", ", unknownTypes.Select(t => $"'{t}'"))}.");
        }

        var actionIds = (input.ActionIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        if (input.Condition is null)
        {
            Add("Condition", "Give the rule a condition.");
        }
        else
        {
            foreach (var problem in ConditionEvaluator.Problems(input.Condition, registry.ManifestOf, "Condition"))
            {
                var split = problem.IndexOf(": ", StringComparison.Ordinal);
                Add(split > 0 ? problem[..split] : "Condition", split > 0 ? problem[(split + 2)..] : problem);
            }

            if (!Leaves(input.Condition, "Condition").Any())
            {
                Add("Condition", "Add at least one condition: a rule without one would match every item.");
            }

            foreach (var (leaf, path) in Leaves(input.Condition, "Condition"))
            {
                if (leaf.Input == ConditionInput.ItemField && !string.IsNullOrWhiteSpace(leaf.Field) && itemTypes.Count > 0
                    && itemTypes.All(t => t.Schema.Field(leaf.Field) is null))
                {
                    Add(path, $"None of the rule's item types has a field '{leaf.Field}'.");
                }

                if (leaf.Signal is { } call && actionIds.Count > 0 && registry.ManifestOf(call.Id) is { AllowedInAutomatedRules: false } manifest)
                {
                    Add($"{path}/signal", $"{manifest.Name} may only route reports; it cannot decide actions. Remove the actions or the signal.");
                }
            }
        }

        var actions = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == organizationId && actionIds.Contains(a.Id)).ToListAsync(cancellationToken);
        if (actionIds.Except(actions.Select(a => a.Id)).ToList() is { Count: > 0 } unknownActions)
        {
            Add("ActionIds", $"There is no action {string.Join(", ", unknownActions.Select(a => $"'{a}'"))}.");
        }

        foreach (var action in actions)
        {
            foreach (var (parameter, message) in ActionParameters.ValueErrors(action.Parameters, input.ActionParameters?.GetValueOrDefault(action.Id)))
            {
                Add(parameter.Length == 0 ? $"ActionParameters/{action.Id}" : $"ActionParameters/{action.Id}/{parameter}", message);
            }
        }

        var policyIds = (input.PolicyIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        var knownPolicies = await db.Policies.AsNoTracking().Where(p => p.OrganizationId == organizationId && policyIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(cancellationToken);
        if (policyIds.Except(knownPolicies).ToList() is { Count: > 0 } unknownPolicies)
        {
            Add("PolicyIds", $"There is no policy {string.Join(", ", unknownPolicies.Select(p => $"'{p}'"))}.");
        }

        if (!string.IsNullOrWhiteSpace(input.EnqueueQueueId)
            && !await db.ReviewQueues.AnyAsync(q => q.OrganizationId == organizationId && q.Id == input.EnqueueQueueId && q.Kind == QueueKind.Standard, cancellationToken))
        {
            Add("EnqueueQueueId", "Choose one of the organization's review queues.");
        }

        var tags = (input.Tags ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).ToList();
        if (tags.Count > MaxTags || tags.Any(t => t.Length > TagMaxLength))
        {
            Add("Tags", $"Use at most {MaxTags} tags of at most {TagMaxLength} characters.");
        }

        if (input.MaxDailyActions is < 1)
        {
            Add("MaxDailyActions", "The daily limit is at least 1 (leave it empty for no limit).");
        }

        return errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>Every leaf with its path (<c>Condition/0/1</c>), as <see cref="ConditionEvaluator.Problems(Condition?, Func{string, SignalManifest?}?, string)"/> names them.</summary>
    public static IEnumerable<(LeafCondition Leaf, string Path)> Leaves(Condition condition, string path) => condition switch
    {
        ConditionSet { Conditions: { } children } => children.SelectMany((c, i) => c is null ? [] : Leaves(c, $"{path}/{i}")),
        LeafCondition leaf => [(leaf, path)],
        _ => [],
    };
}
