using Coop.Domain.Common;

namespace Coop.Domain.Actions;

/// <summary>
/// One run of one action on one item, whatever ran it: the trail behind recent decisions, the item's and the
/// user's history, and the delivery of its callback (<see cref="OutboxMessageId"/> for webhook actions).
/// Written in the same transaction as its cause and never changed afterwards.
/// </summary>
public sealed class ActionExecution
{
    public const int NoteMaxLength = 5000;

    private ActionExecution()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string ActionId { get; private set; } = string.Empty;

    /// <summary>The action's name when it ran (names can change later).</summary>
    public string ActionName { get; private set; } = string.Empty;

    public string ItemId { get; private set; } = string.Empty;

    public string ItemTypeId { get; private set; } = string.Empty;

    /// <summary>The user the action concerned: the item itself for user items, else its author when known.</summary>
    public string? UserItemId { get; private set; }

    public string? UserItemTypeId { get; private set; }

    public ActionExecutionSource Source { get; private set; }

    /// <summary>Ties together everything one event caused (one decision, one API call, one rule evaluation).</summary>
    public string CorrelationId { get; private set; } = string.Empty;

    /// <summary>The console user who ran it; null for automation and the platform API without an actor.</summary>
    public string? ActorUserId { get; private set; }

    public string? ActorEmail { get; private set; }

    public string? ActorNote { get; private set; }

    public string? DecisionReason { get; private set; }

    /// <summary>Policies it ran under: JSON array of <c>{ id, name, penalty }</c>.</summary>
    public string Policies { get; private set; } = "[]";

    /// <summary>Rules that caused it: JSON array of <c>{ id, name }</c>.</summary>
    public string Rules { get; private set; } = "[]";

    /// <summary>The parameter values given (JSON object), or null.</summary>
    public string? Parameters { get; private set; }

    /// <summary>Other items the run was about (e.g. the platform's <c>reportedItems</c>): JSON array of <c>{ id, typeId }</c>.</summary>
    public string RelatedItems { get; private set; } = "[]";

    public string? JobId { get; private set; }

    /// <summary>The callback owed to the platform, for webhook actions.</summary>
    public string? OutboxMessageId { get; private set; }

    public DateTime ExecutedAt { get; private set; }

    /// <summary>The policies of <see cref="Policies"/>, one row each (written with the execution).</summary>
    public IReadOnlyCollection<ActionExecutionPolicy> PolicyLinks => policyLinks;

    private readonly List<ActionExecutionPolicy> policyLinks = [];

    public static ActionExecution Record(
        string organizationId, string actionId, string actionName, string itemTypeId, string itemId, ActionExecutionSource source,
        string correlationId, DateTime nowUtc, string? userItemTypeId = null, string? userItemId = null, string? actorUserId = null,
        string? actorEmail = null, string? actorNote = null, string? decisionReason = null, string policies = "[]", string rules = "[]",
        string? parameters = null, string relatedItems = "[]", string? jobId = null, string? outboxMessageId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(actionId);
        ArgumentException.ThrowIfNullOrWhiteSpace(itemTypeId);
        ArgumentException.ThrowIfNullOrWhiteSpace(itemId);
        if (actorNote is { Length: > NoteMaxLength })
        {
            throw new ArgumentException($"A note has at most {NoteMaxLength} characters.", nameof(actorNote));
        }

        var execution = new ActionExecution
        {
            Id = Ids.New(),
            OrganizationId = organizationId,
            ActionId = actionId,
            ActionName = actionName,
            ItemTypeId = itemTypeId,
            ItemId = itemId,
            UserItemTypeId = userItemTypeId,
            UserItemId = userItemId,
            Source = source,
            CorrelationId = correlationId,
            ActorUserId = actorUserId,
            ActorEmail = actorEmail,
            ActorNote = actorNote,
            DecisionReason = decisionReason,
            Policies = policies,
            Rules = rules,
            Parameters = parameters,
            RelatedItems = relatedItems,
            JobId = jobId,
            OutboxMessageId = outboxMessageId,
            ExecutedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
        };
        execution.policyLinks.AddRange(PolicyIdsOf(policies).Select(id => ActionExecutionPolicy.For(execution, id)));
        return execution;
    }

    /// <summary>The distinct ids in a policies array (<c>[{ "id": … }]</c>); anything else yields none.</summary>
    private static IEnumerable<string> PolicyIdsOf(string policies)
    {
        using var document = System.Text.Json.JsonDocument.Parse(string.IsNullOrWhiteSpace(policies) ? "[]" : policies);
        if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Array)
        {
            return [];
        }

        return [.. document.RootElement.EnumerateArray()
            .Select(p => p.ValueKind == System.Text.Json.JsonValueKind.Object && p.TryGetProperty("id", out var id)
                && id.ValueKind == System.Text.Json.JsonValueKind.String ? id.GetString() : null)
            .OfType<string>().Where(id => id.Length > 0).Distinct(StringComparer.Ordinal)];
    }
}
