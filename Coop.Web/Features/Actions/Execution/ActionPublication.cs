using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.ItemTypes;
using Coop.Domain.Policies;

namespace Coop.Web.Features.Actions.Execution;

/// <summary>The item an action runs on, as the callback names it, and the user it concerns.</summary>
/// <param name="Item">The item the action runs on.</param>
/// <param name="TypeName">Its item type's name, sent as <c>item.typeName</c>.</param>
/// <param name="Kind">Its item type's kind.</param>
/// <param name="Creator">The user item: the item itself for user items, else its author when known.</param>
public sealed record ActionTarget(ItemIdentifier Item, string TypeName, ItemTypeKind Kind, ItemIdentifier? Creator);

/// <summary>A policy as callbacks carry it, with its strike weight (not sent).</summary>
public sealed record PolicyReference(string Id, string Name, Penalty Penalty, int StrikeWeight = 0);

/// <summary>A rule as callbacks carry it.</summary>
public sealed record RuleReference(string Id, string Name);

/// <summary>One action to run, with the parameter values given for it (validated by the caller).</summary>
public sealed record ActionInvocation(ActionDefinition Action, JsonObject? Parameters = null);

/// <summary>
/// Everything one event (a decision, an API call, a rule match, a threshold) asks of the action publisher: which
/// actions to run on which item, under which policies and rules, by whom and why.
/// </summary>
public sealed record ActionPublication(
    string OrganizationId, ActionTarget Target, IReadOnlyList<ActionInvocation> Actions, ActionExecutionSource Source, string CorrelationId)
{
    public IReadOnlyList<PolicyReference> Policies { get; init; } = [];

    public IReadOnlyList<RuleReference> Rules { get; init; } = [];

    public string? ActorUserId { get; init; }

    /// <summary>Sent as <c>actorEmail</c>; null for automation.</summary>
    public string? ActorEmail { get; init; }

    public string? ActorNote { get; init; }

    public string? DecisionReason { get; init; }

    /// <summary>Merged last into each callback's <c>custom</c> (review decisions add <c>reason</c> and <c>reportHistory</c>).</summary>
    public JsonObject? CustomExtras { get; init; }

    public IReadOnlyList<ItemIdentifier> RelatedItems { get; init; } = [];

    public string? JobId { get; init; }

    /// <summary>The item's data when the caller has it (rules); built-in effects load it otherwise.</summary>
    public JsonObject? ItemData { get; init; }

    /// <summary>The user's strike total after this event, when a user resolves.</summary>
    public int? UserStrikeCount { get; init; }
}
