using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Audit;
using Coop.Domain.Policies;
using Coop.Domain.Strikes;
using Coop.Domain.Webhooks;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Web.Features.Strikes;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Actions.Execution;

/// <summary>
/// The one path every action takes, whoever runs it (moderators, the platform, rules, thresholds): for each
/// action an execution record and an audit row, plus a signed callback in the outbox for webhook actions or the
/// built-in effect for built-in ones — all added to the caller's context so they commit with their cause.
/// Actions named twice in one publication run once.
/// </summary>
public sealed class ActionPublisher(IWebhookOutbox outbox, IEnumerable<IBuiltInActionEffect> effects, ILiveEvents live)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly Dictionary<ActionType, IBuiltInActionEffect> effectsByType = effects.ToDictionary(e => e.ActionType);

    // Live events of built-in effects, published by AnnounceAsync once the caller has committed (or dropped after a while).
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<ActionExecution, IReadOnlyList<LiveEvent>> pendingAnnouncements = new();

    /// <summary>False for built-in actions whose feature is not part of this build.</summary>
    public bool CanRun(ActionDefinition action)
    {
        ArgumentNullException.ThrowIfNull(action);
        return action.ActionType == ActionType.CustomAction ? !string.IsNullOrWhiteSpace(action.CallbackUrl) : effectsByType.ContainsKey(action.ActionType);
    }

    /// <summary>
    /// Adds the publication's consequences to <paramref name="db"/>; the caller's SaveChanges commits them. When the
    /// target names a user, a strike-enabled action run under weighted policies adds one strike, and every callback
    /// carries the user's total after the event as <c>userStrikeCount</c>.
    /// </summary>
    public async Task<IReadOnlyList<ActionExecution>> PublishAsync(
        CoopDbContext db, ActionPublication publication, DateTime nowUtc, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(publication);
        int? before = null;
        if (publication.Target.Creator is { } user && publication.UserStrikeCount is null)
        {
            var strike = StrikeRules.EventWeight(
                publication.Actions.Any(a => a.Action.ApplyUserStrikes), publication.Policies.Select(p => (p.Id, p.StrikeWeight)));
            var after = await StrikeLedger.ApplyAsync(db, publication.OrganizationId, user, strike, publication.CorrelationId, nowUtc, cancellationToken);
            before = after - (strike?.Weight ?? 0);
            publication = publication with { UserStrikeCount = after };
        }

        var executions = await RecordAsync(db, publication, nowUtc, cancellationToken);
        if (before is { } from && publication.UserStrikeCount is { } to && to > from
            && await ThresholdPublicationAsync(db, publication, from, to, cancellationToken) is { } threshold)
        {
            executions.AddRange(await RecordAsync(db, threshold, nowUtc, cancellationToken));
        }

        return executions;
    }

    /// <summary>
    /// The actions of the highest strike threshold the event crossed, on the same item, with no policies, rules or
    /// actor (so they add no strikes themselves), carrying the new total.
    /// </summary>
    private static async Task<ActionPublication?> ThresholdPublicationAsync(
        CoopDbContext db, ActionPublication cause, int before, int after, CancellationToken cancellationToken)
    {
        var thresholds = await db.StrikeThresholds.AsNoTracking()
            .Where(t => t.OrganizationId == cause.OrganizationId && t.Threshold > before && t.Threshold <= after)
            .ToListAsync(cancellationToken);
        if (StrikeThreshold.Crossed(thresholds, before, after) is not { } crossed)
        {
            return null;
        }

        var ids = JsonSerializer.Deserialize<string[]>(crossed.ActionIds) ?? [];
        var parameters = JsonNode.Parse(crossed.ActionParameters) as JsonObject;
        var actions = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == cause.OrganizationId && ids.Contains(a.Id)).ToListAsync(cancellationToken);
        return actions.Count == 0
            ? null
            : new ActionPublication(cause.OrganizationId, cause.Target,
                [.. actions.OrderBy(a => Array.IndexOf(ids, a.Id)).Select(a => new ActionInvocation(a, parameters?[a.Id]?.DeepClone() as JsonObject))],
                ActionExecutionSource.StrikeThreshold, $"{cause.CorrelationId}:threshold-{crossed.Threshold}")
            {
                UserStrikeCount = after,
            };
    }

    private async Task<List<ActionExecution>> RecordAsync(CoopDbContext db, ActionPublication publication, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var policies = JsonSerializer.Serialize(publication.Policies.Select(p => new { p.Id, p.Name, Penalty = p.Penalty.ToWireName() }), Json);
        var rules = JsonSerializer.Serialize(publication.Rules, Json);
        var related = JsonSerializer.Serialize(publication.RelatedItems, Json);
        var target = publication.Target;
        var executions = new List<ActionExecution>();
        foreach (var invocation in publication.Actions.DistinctBy(a => a.Action.Id))
        {
            var action = invocation.Action;
            if (action.OrganizationId != publication.OrganizationId)
            {
                throw new InvalidOperationException("An action runs only in its own organization.");
            }

            string? messageId = null;
            IReadOnlyList<LiveEvent> announcements = [];
            if (action.ActionType == ActionType.CustomAction)
            {
                var message = OutboxMessage.Create(
                    publication.OrganizationId, OutboxMessageKinds.ActionCallback,
                    action.CallbackUrl ?? throw new InvalidOperationException($"The action {action.Name} has no callback URL."),
                    ActionCallbackBody.Build(publication, invocation), HeadersJson(action), nowUtc,
                    actionId: action.Id, itemId: target.Item.Id, itemTypeId: target.Item.TypeId);
                outbox.Enqueue(db, message);
                messageId = message.Id;
            }
            else if (effectsByType.TryGetValue(action.ActionType, out var effect))
            {
                announcements = await effect.ApplyAsync(db, publication, invocation, nowUtc, cancellationToken);
            }
            else
            {
                throw new InvalidOperationException($"The built-in action {action.Name} cannot run in this build.");
            }

            var execution = ActionExecution.Record(
                publication.OrganizationId, action.Id, action.Name, target.Item.TypeId, target.Item.Id, publication.Source,
                publication.CorrelationId, nowUtc, target.Creator?.TypeId, target.Creator?.Id, publication.ActorUserId,
                publication.ActorEmail, publication.ActorNote, publication.DecisionReason, policies, rules,
                invocation.Parameters?.ToJsonString(), related, publication.JobId, messageId);
            db.ActionExecutions.Add(execution);
            if (announcements.Count > 0)
            {
                pendingAnnouncements.AddOrUpdate(execution, announcements);
            }

            db.AuditEntries.Add(AuditEntry.Record(
                publication.OrganizationId, publication.ActorUserId, publication.ActorEmail ?? SourceName(publication.Source), "action.executed",
                "item", $"{target.Item.TypeId}/{target.Item.Id}", $"{action.Name} ({SourceName(publication.Source)})", nowUtc));
            executions.Add(execution);
        }

        return executions;
    }

    /// <summary>Tells live screens (recent decisions, the item's history) about executions once they are committed.</summary>
    public async Task AnnounceAsync(IReadOnlyList<ActionExecution> executions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(executions);
        if (executions.Any(e => e.OutboxMessageId is not null))
        {
            // Committed inside an explicit transaction, the outbox could not ring the dispatcher itself.
            outbox.Wake();
        }

        foreach (var execution in executions)
        {
            if (pendingAnnouncements.TryGetValue(execution, out var effects))
            {
                pendingAnnouncements.Remove(execution);
                foreach (var effect in effects)
                {
                    await live.PublishAsync(effect, cancellationToken);
                }
            }

            await live.PublishAsync(new LiveEvent(execution.OrganizationId, LiveTopics.Decisions(execution.OrganizationId),
                LiveEventKinds.ActionExecuted, execution.Id, execution.ActorUserId), cancellationToken);
            await live.PublishAsync(new LiveEvent(execution.OrganizationId, LiveTopics.Item(execution.OrganizationId, execution.ItemTypeId, execution.ItemId),
                LiveEventKinds.ActionExecuted, execution.Id, execution.ActorUserId), cancellationToken);
            if (execution.UserItemId is { } userId && execution.UserItemTypeId is { } userTypeId
                && (userId != execution.ItemId || userTypeId != execution.ItemTypeId))
            {
                await live.PublishAsync(new LiveEvent(execution.OrganizationId, LiveTopics.Item(execution.OrganizationId, userTypeId, userId),
                    LiveEventKinds.ActionExecuted, execution.Id, execution.ActorUserId), cancellationToken);
            }
        }
    }

    private static string HeadersJson(ActionDefinition action) =>
        JsonSerializer.Serialize(action.Headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase));

    private static string SourceName(ActionExecutionSource source) => source switch
    {
        ActionExecutionSource.ManualConsole => "console",
        ActionExecutionSource.PostActions => "api",
        ActionExecutionSource.ReviewDecision => "review",
        ActionExecutionSource.Rule => "rule",
        ActionExecutionSource.StrikeThreshold => "strike-threshold",
        ActionExecutionSource.Bulk => "bulk",
        ActionExecutionSource.AppealReversal => "appeal-reversal",
        _ => "system",
    };
}
