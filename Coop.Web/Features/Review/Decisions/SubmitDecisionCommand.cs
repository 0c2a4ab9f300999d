using System.Text.Json.Nodes;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Web.Application;

namespace Coop.Web.Features.Review.Decisions;

/// <summary>
/// A reviewer's decision on the job they hold. Field keys of validation errors: <c>reason</c>, <c>policyIds</c>,
/// <c>actions</c>, <c>actions/{i}/parameters/{name}</c>, <c>targetQueueId</c>, and "" for the job itself.
/// </summary>
[RequiresPermission(Permissions.ViewMrt)]
public sealed record SubmitDecisionCommand(
    string JobId,
    DecisionKind Kind,
    IReadOnlyList<DecisionActionInput>? Actions = null,
    IReadOnlyList<string>? PolicyIds = null,
    string? Reason = null,
    string? TargetQueueId = null);

/// <summary>One action of an action decision, with its parameter values.</summary>
public sealed record DecisionActionInput(string ActionId, JsonObject? Parameters = null);

/// <summary>What the decision did: the actions run, and for moves the job that now holds the item.</summary>
public sealed record DecisionOutcome(string JobId, DecisionKind Kind, IReadOnlyList<string> ExecutionIds, string? TargetJobId);
