using System.Text.Json.Nodes;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Domain.Policies;

namespace Coop.Web.Features.Review.Jobs;

/// <summary>Everything the job view shows about one job.</summary>
public sealed record JobDetails(
    string Id,
    string QueueId,
    string QueueName,
    QueueKind QueueKind,
    JobStatus Status,
    JobSource Source,
    DateTime CreatedAt,
    int ReportCount,
    string? ClaimedByUserId,
    string? ClaimedByName,
    DateTime? ClaimExpiresAt,
    string PriorityExplanation,
    ItemDisplay Item,
    IReadOnlyList<JobReport> Reports,
    IReadOnlyList<ContextEntry> Thread,
    IReadOnlyList<ContextEntry> Additional,
    JobAppeal? Appeal,
    IReadOnlyList<JobPolicy> Policies,
    IReadOnlyList<JobHistoryEntry> History)
{
    public bool IsOpen => Status == JobStatus.Open;
}

/// <summary>An item as received, laid out by its type's schema (of the version it was sent with).</summary>
/// <param name="ItemTypeId">The item type's id.</param>
/// <param name="TypeName">The item type's name.</param>
/// <param name="Kind">The item type's kind, when the type still exists.</param>
/// <param name="ItemId">The platform's id of the item.</param>
/// <param name="Received">False when Coop never received the item's data.</param>
/// <param name="Fields">The schema's fields in order, with their values (null when absent).</param>
/// <param name="Extra">Keys the schema does not name, kept as received.</param>
public sealed record ItemDisplay(
    string ItemTypeId, string TypeName, ItemTypeKind? Kind, string ItemId, bool Received, IReadOnlyList<FieldDisplay> Fields, IReadOnlyList<FieldDisplay> Extra);

/// <summary>One field and its value; <see cref="Field"/> is null for keys outside the schema.</summary>
public sealed record FieldDisplay(string Name, ItemTypeField? Field, JsonNode? Value);

/// <summary>One report on the job's item.</summary>
public sealed record JobReport(string ReporterId, string ReporterTypeId, string? Reason, string? PolicyName, DateTime ReportedAt, bool IsCsam);

/// <summary>An item carried as context (thread or additional), with whether it was itself reported.</summary>
public sealed record ContextEntry(ItemDisplay Item, bool Reported);

/// <summary>The appeal an appeal job reviews.</summary>
public sealed record JobAppeal(string AppealId, string AppealedById, string AppealedByTypeId, DateTime AppealedAt, string? Reason, IReadOnlyList<string> ActionNames, bool HasKnownDecision);

/// <summary>A policy the job is enqueued under, with what reviewers are told about it.</summary>
public sealed record JobPolicy(string Id, string Name, Penalty Penalty, string? Description, string? EnforcementGuidelines);

/// <summary>One line of the job's history.</summary>
public sealed record JobHistoryEntry(JobEventKind Kind, string? User, string? OtherUser, string? Detail, DateTime At);
