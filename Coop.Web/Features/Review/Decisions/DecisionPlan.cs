using Coop.Domain.Actions;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Actions.Execution;
using Coop.Web.Features.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review.Decisions;

/// <summary>A decision checked against the job, the organization's decision rules and its configuration, ready to record.</summary>
internal sealed record DecisionPlan(
    string? Reason,
    IReadOnlyList<ActionInvocation> Invocations,
    IReadOnlyList<PolicyReference> Policies,
    ActionTarget? Target,
    ReviewQueue? TargetQueue)
{
    /// <summary>Validates everything before anything is written; throws <see cref="ValidationFailedException"/> with every problem found.</summary>
    public static async Task<DecisionPlan> ValidateAsync(
        CoopDbContext db, ItemTypeCatalog catalog, ActionPublisher publisher, ReviewSettings settings, ReviewJob job, SubmitDecisionCommand command,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string key, string message)
        {
            if (!errors.TryGetValue(key, out var list))
            {
                errors[key] = list = [];
            }

            list.Add(message);
        }

        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        if (reason is { Length: > ReviewDecision.ReasonMaxLength })
        {
            Add("reason", $"Use at most {ReviewDecision.ReasonMaxLength} characters.");
        }

        var requireReason = command.Kind == DecisionKind.Ignore ? settings.RequireReasonOnIgnore
            : command.Kind is DecisionKind.Action or DecisionKind.Move && settings.RequireReasonOnAction;
        if (requireReason && reason is null)
        {
            Add("reason", "Your organization asks for a reason with this decision.");
        }

        var policyIds = (command.PolicyIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        var policies = await db.Policies.AsNoTracking()
            .Where(p => p.OrganizationId == job.OrganizationId && policyIds.Contains(p.Id)).ToListAsync(cancellationToken);
        foreach (var missing in policyIds.Where(id => policies.All(p => p.Id != id)))
        {
            Add("policyIds", $"There is no policy with the id '{missing}'.");
        }

        var invocations = new List<ActionInvocation>();
        ActionTarget? target = null;
        ReviewQueue? targetQueue = null;
        switch (command.Kind)
        {
            case DecisionKind.Action:
                var itemType = (await catalog.GetLatestAsync(job.OrganizationId, cancellationToken)).ById(job.ItemTypeId);
                if (itemType is null)
                {
                    Add(string.Empty, "The job's item type no longer exists, so no action can run on it.");
                    break;
                }

                target = await ActionRunner.ResolveTargetAsync(db, job.OrganizationId, itemType, job.ItemId, cancellationToken);
                var inputs = command.Actions ?? [];
                if (inputs.Count == 0)
                {
                    Add("actions", "Choose at least one action.");
                }

                var ids = inputs.Select(a => a.ActionId).ToList();
                var hidden = (await db.ReviewQueues.AsNoTracking().SingleAsync(q => q.Id == job.QueueId, cancellationToken)).HiddenActions;
                var actions = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == job.OrganizationId && ids.Contains(a.Id)).ToListAsync(cancellationToken);
                for (var i = 0; i < inputs.Count; i++)
                {
                    var action = actions.FirstOrDefault(a => a.Id == inputs[i].ActionId);
                    if (action is null || !publisher.CanRun(action))
                    {
                        Add("actions", action is null ? $"There is no action with the id '{inputs[i].ActionId}'." : $"'{action.Name}' cannot be chosen in a decision.");
                        continue;
                    }

                    if (hidden.Contains(action.Id))
                    {
                        Add("actions", $"'{action.Name}' is not offered in this queue.");
                    }
                    else if (!AppliesTo(action, itemType.Id, itemType.Kind.ToString()))
                    {
                        Add("actions", $"'{action.Name}' does not apply to {itemType.Name} items.");
                    }

                    foreach (var (name, message) in ActionParameters.ValueErrors(action.Parameters, inputs[i].Parameters))
                    {
                        Add(name.Length == 0 ? $"actions/{i}/parameters" : $"actions/{i}/parameters/{name}", $"{action.Name}: {message}");
                    }

                    invocations.Add(new ActionInvocation(action, inputs[i].Parameters));
                }

                if (settings.RequirePolicyForDecisions && policyIds.Count == 0)
                {
                    Add("policyIds", "Your organization asks for a policy with every action.");
                }

                if (!settings.AllowMultiplePoliciesPerAction && policyIds.Count > 1)
                {
                    Add("policyIds", "Choose one policy.");
                }

                break;
            case DecisionKind.Move:
                targetQueue = await db.ReviewQueues.AsNoTracking()
                    .SingleOrDefaultAsync(q => q.Id == command.TargetQueueId && q.OrganizationId == job.OrganizationId, cancellationToken);
                if (targetQueue is null)
                {
                    Add("targetQueueId", "Choose the queue to move the job to.");
                }
                else if (targetQueue.Id == job.QueueId)
                {
                    Add("targetQueueId", "The job is already in that queue.");
                }

                break;
            case DecisionKind.EnqueueToNcmec:
                targetQueue = await db.ReviewQueues.AsNoTracking()
                    .FirstOrDefaultAsync(q => q.OrganizationId == job.OrganizationId && q.Kind == QueueKind.Ncmec, cancellationToken);
                if (targetQueue is null || targetQueue.Id == job.QueueId)
                {
                    Add(string.Empty, targetQueue is null ? "Your organization has no NCMEC queue." : "The job is already in the NCMEC queue.");
                }

                break;
            case DecisionKind.AcceptAppeal or DecisionKind.RejectAppeal:
                if (job.AppealId is null)
                {
                    Add(string.Empty, "Only appeal jobs can be accepted or rejected.");
                }

                break;
            case DecisionKind.Ignore:
                break;
            default:
                Add(string.Empty, "Choose a decision.");
                break;
        }

        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        }

        return new DecisionPlan(
            reason, invocations,
            [.. policies.OrderBy(p => policyIds.IndexOf(p.Id)).Select(p => new PolicyReference(p.Id, p.Name, p.Penalty, p.UserStrikeCount))],
            target, targetQueue);
    }

    /// <summary>An action applies to its item types and to every type of its kinds; one that names none applies to all.</summary>
    public static bool AppliesTo(ActionDefinition action, string itemTypeId, string kind) =>
        (action.ItemTypeIds.Count == 0 && action.AppliesToAllItemsOfKinds.Count == 0)
        || action.ItemTypeIds.Contains(itemTypeId)
        || action.AppliesToAllItemsOfKinds.Contains(kind, StringComparer.OrdinalIgnoreCase);
}
