using System.Text.Json.Nodes;
using Coop.Domain.ItemTypes;

namespace Coop.Web.Features.Actions.Execution;

/// <summary>Run one action on one item, as <c>POST /api/v1/actions</c> and the console's "Run action" ask.</summary>
public sealed record RunActionRequest(
    string ActionId,
    string ItemTypeId,
    string ItemId,
    IReadOnlyList<string> PolicyIds,
    IReadOnlyList<ItemIdentifier> ReportedItems,
    JsonObject? Parameters,
    string? Note);

/// <summary>Who runs it: a console user (their email goes out as <c>actorEmail</c>), or nobody for the bare API.</summary>
public sealed record RunActionActor(string UserId, string? Email);

/// <summary>
/// A refusal of a <see cref="RunActionRequest"/>. <see cref="Field"/> is a path into the request such as
/// <c>actionId</c> or <c>parameters/severity</c> (a JSON pointer without its leading slash).
/// </summary>
public sealed record RunActionError(string Field, string Message, bool IsNotFound = false);

/// <summary>The executions recorded, or why nothing was.</summary>
public sealed record RunActionResult(IReadOnlyList<Domain.Actions.ActionExecution> Executions, IReadOnlyList<RunActionError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
