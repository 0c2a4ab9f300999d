using Coop.Domain.Audit;
using Coop.Domain.Conditions;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Policies;

namespace Coop.Web.Features.Review.Routing;

/// <summary>A routing rule as its editor or a configuration file gives it.</summary>
public sealed record RoutingRuleDetails(string Name, string? Description, QueueKind Kind, Condition Condition, string TargetQueueId);

/// <summary>
/// Checks and writes routing rules with an audit entry on a caller's context (saved by the caller). Used by the routing
/// rules editor and by configuration import. Error keys: <c>Name</c>, <c>Kind</c>, <c>TargetQueueId</c>, <c>Condition</c>.
/// </summary>
internal static class RoutingRuleChanges
{
    /// <summary>
    /// Problems of a rule: its name, its kind (reports or appeals), its target (<paramref name="targetQueueKind"/> is the kind
    /// of the queue it names, null when there is no such queue) and its condition (an invalid regex, a missing value…).
    /// </summary>
    /// <remarks>Signals are checked against <paramref name="manifests"/> when given (unknown signal, bad arguments).</remarks>
    public static Dictionary<string, string[]> Validate(
        RoutingRuleDetails details, QueueKind? targetQueueKind, Func<string, Coop.Domain.Signals.SignalManifest?>? manifests = null)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(details.Name) || details.Name.Trim().Length > RoutingRule.NameMaxLength)
        {
            errors["Name"] = [$"Name the rule (at most {RoutingRule.NameMaxLength} characters)."];
        }

        if (details.Kind is not (QueueKind.Standard or QueueKind.Appeals))
        {
            errors["Kind"] = ["Rules route reports or appeals."];
        }

        else if (targetQueueKind != details.Kind)
        {
            errors["TargetQueueId"] = [details.Kind == QueueKind.Appeals ? "Choose an appeals queue." : "Choose a queue for reports."];
        }

        // Keyed by the condition's path ("Condition/0/1"), as the condition editor shows them next to the condition concerned.
        foreach (var group in ConditionEvaluator.Problems(details.Condition, manifests, "Condition")
                     .Select(p => p.IndexOf(": ", StringComparison.Ordinal) is var split and > 0 ? (Key: p[..split], Message: p[(split + 2)..]) : (Key: "Condition", Message: p))
                     .GroupBy(p => p.Key, StringComparer.Ordinal))
        {
            errors[group.Key] = [.. group.Select(p => p.Message)];
        }

        return errors;
    }

    /// <summary>Creates a rule at <paramref name="position"/> among the rules of its kind (<paramref name="id"/> kept when given).</summary>
    public static RoutingRule Create(
        CoopDbContext db, string? id, int position, RoutingRuleDetails details, ReviewQueue target, ConfigActor actor, DateTime now)
    {
        ThrowIfInvalid(Validate(details, target.Kind));
        var rule = RoutingRule.Create(actor.OrganizationId, details.Kind, position, now, id);
        rule.Define(details.Name, details.Description, ConditionEvaluator.Serialize(details.Condition), target.Id, now);
        db.RoutingRules.Add(rule);
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "routing-rule.created", "routing-rule", rule.Id,
            $"{rule.Name} → {target.Name}", now));
        return rule;
    }

    /// <summary>
    /// Changes a rule (and moves it to <paramref name="position"/> when given); false (and no audit entry) when it already is as
    /// described. Its kind never changes.
    /// </summary>
    public static bool Update(
        CoopDbContext db, RoutingRule rule, RoutingRuleDetails details, int? position, ReviewQueue target, ConfigActor actor, DateTime now)
    {
        ThrowIfInvalid(Validate(details with { Kind = rule.Kind }, target.Kind));
        var condition = ConditionEvaluator.Serialize(details.Condition);
        var description = string.IsNullOrWhiteSpace(details.Description) ? null : details.Description.Trim();
        var moved = position is { } wanted && wanted != rule.Position;
        if (!moved && rule.Name == details.Name.Trim() && rule.Description == description && rule.ConditionJson == condition && rule.TargetQueueId == target.Id)
        {
            return false;
        }

        var from = rule.Position;
        rule.Define(details.Name, details.Description, condition, target.Id, now);
        if (moved)
        {
            rule.MoveTo(position!.Value);
        }

        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "routing-rule.updated", "routing-rule", rule.Id,
            $"{rule.Name} → {target.Name}" + (moved ? $"; position {from} to {rule.Position}" : string.Empty), now));
        return true;
    }

    private static void ThrowIfInvalid(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }
}
