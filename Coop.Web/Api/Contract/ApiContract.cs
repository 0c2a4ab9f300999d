using System.Text.Json.Nodes;

namespace Coop.Web.Api.Contract;

// The wire shapes of the platform API, for the OpenAPI document. The endpoints read raw JSON (to answer every
// mistake with a pointer), so these records describe the contract; they are not used to bind requests.

/// <summary>An item: the platform's <c>id</c>, the item type's <c>typeId</c> and <c>data</c> fitting its schema.</summary>
public sealed record ItemBody(string Id, string TypeId, JsonObject Data, string? TypeVersion = null, string? TypeSchemaVariant = null);

/// <summary><c>POST /api/v1/items/async/</c>: one or more items, all-or-nothing.</summary>
public sealed record SubmitItemsBody(IReadOnlyList<ItemBody> Items);

/// <summary><c>POST /api/v1/content/</c> (legacy): one item, its type named by name.</summary>
public sealed record SubmitContentBody(string ContentId, string ContentType, JsonObject Content, string? UserId = null, bool? Sync = null);

/// <summary>The synchronous answer of the legacy endpoint.</summary>
public sealed record SubmitContentResult(IReadOnlyList<JsonObject> ActionsTriggered, JsonObject DerivedFields);

/// <summary>An item named by id and type.</summary>
public sealed record ItemIdentifierBody(string Id, string TypeId);

/// <summary>Who reported: <c>kind</c> is always <c>user</c>.</summary>
public sealed record ReporterBody(string Kind, string Id, string TypeId);

/// <summary>Why the item was reported; <c>csam: true</c> sends it straight to child-safety review.</summary>
public sealed record ReportedForReasonBody(string? PolicyId = null, string? Reason = null, bool? Csam = null);

/// <summary><c>POST /api/v1/report</c>.</summary>
public sealed record SubmitReportBody(
    ReporterBody Reporter, DateTimeOffset ReportedAt, ItemBody ReportedItem, ReportedForReasonBody? ReportedForReason = null,
    IReadOnlyList<ItemBody>? ReportedItemThread = null, IReadOnlyList<ItemIdentifierBody>? ReportedItemsInThread = null,
    IReadOnlyList<ItemBody>? AdditionalItems = null);

/// <summary>The answer to a report.</summary>
public sealed record ReportCreated(string ReportId);

/// <summary>A policy named by id.</summary>
public sealed record PolicyIdBody(string Id);

/// <summary><c>POST /api/v1/report/appeal</c>.</summary>
public sealed record SubmitAppealBody(
    string AppealId, ItemIdentifierBody AppealedBy, DateTimeOffset AppealedAt, ItemBody ActionedItem, IReadOnlyList<string> ActionsTaken,
    string? AppealReason = null, IReadOnlyList<PolicyIdBody>? ViolatingPolicies = null, IReadOnlyList<ItemBody>? AdditionalItems = null);

/// <summary>One policy of <c>GET /api/v1/policies/</c>.</summary>
public sealed record PolicyEntry(string Id, string Name, string? ParentId);

/// <summary><c>GET /api/v1/policies/</c>.</summary>
public sealed record PoliciesResult(IReadOnlyList<PolicyEntry> Policies);

/// <summary><c>POST /api/v1/actions</c>: run an action on an item; <c>actorId</c> is a console user whose email the callback carries.</summary>
public sealed record RunActionBody(
    string ActionId, string ItemId, string ItemTypeId, IReadOnlyList<string>? PolicyIds = null, IReadOnlyList<ItemIdentifierBody>? ReportedItems = null,
    string? ActorId = null, JsonObject? Parameters = null, string? Note = null);
