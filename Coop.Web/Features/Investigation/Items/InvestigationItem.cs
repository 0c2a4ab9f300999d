using Coop.Domain.Actions;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Domain.Webhooks;
using Coop.Web.Features.Review.Jobs;

namespace Coop.Web.Features.Investigation.Items;

/// <summary>Everything Coop knows about one item: its versions and what happened to it.</summary>
/// <param name="ItemTypeId">The item's type id.</param>
/// <param name="TypeName">Its type's name (the id when the type is gone).</param>
/// <param name="Kind">Its type's kind, when the type exists.</param>
/// <param name="ItemId">The platform's id.</param>
/// <param name="Creator">The author (or, for a user item, null: the item is the user).</param>
/// <param name="FirstSeenAt">When Coop first received it, if it has.</param>
/// <param name="LastSeenAt">When Coop last received it, if it has.</param>
/// <param name="VersionCount">How many versions Coop holds (more than <see cref="Versions"/> lists when there are many).</param>
/// <param name="Versions">The newest versions, newest first, laid out by their type's schema.</param>
/// <param name="Reports">Reports about it, newest first.</param>
/// <param name="Jobs">Review jobs about it, newest first.</param>
/// <param name="Decisions">Decisions on those jobs, newest first.</param>
/// <param name="Executions">Action runs on it, newest first, with their callback's delivery.</param>
/// <param name="Strikes">Strikes its action runs added, newest first.</param>
/// <param name="Appeals">Appeals about it, newest first.</param>
public sealed record InvestigationItem(
    string ItemTypeId,
    string TypeName,
    ItemTypeKind? Kind,
    string ItemId,
    ItemIdentifier? Creator,
    DateTime? FirstSeenAt,
    DateTime? LastSeenAt,
    int VersionCount,
    IReadOnlyList<ItemVersion> Versions,
    IReadOnlyList<ItemReportRow> Reports,
    IReadOnlyList<ItemJobRow> Jobs,
    IReadOnlyList<ItemDecisionRow> Decisions,
    IReadOnlyList<ItemExecutionRow> Executions,
    IReadOnlyList<ItemStrikeRow> Strikes,
    IReadOnlyList<ItemAppealRow> Appeals)
{
    /// <summary>True when Coop holds at least one version of the item's content.</summary>
    public bool Stored => Versions.Count > 0;

    public bool IsUser => Kind == ItemTypeKind.User;
}

/// <summary>One submitted version of the item.</summary>
public sealed record ItemVersion(long SubmissionId, DateTime ReceivedAt, string Source, string SchemaVariant, string TypeVersion, ItemDisplay Display);

public sealed record ItemReportRow(string Id, string ReporterId, string ReporterTypeId, string? Reason, string? PolicyName, bool IsCsam, DateTime ReportedAt, string? JobId);

public sealed record ItemJobRow(string Id, string QueueName, QueueKind QueueKind, JobStatus Status, JobSource Source, DateTime CreatedAt, DateTime? ClosedAt);

public sealed record ItemDecisionRow(
    string JobId, DecisionKind Kind, string? Reviewer, IReadOnlyList<string> Actions, IReadOnlyList<string> Policies, string? Reason, DateTime DecidedAt);

/// <summary>One action run, and (for webhook actions) where its callback stands; header values and body are never carried.</summary>
public sealed record ItemExecutionRow(
    string Id, string ActionName, ActionExecutionSource Source, string? Actor, IReadOnlyList<string> Policies, string? JobId, DateTime ExecutedAt,
    ItemDelivery? Delivery);

public sealed record ItemDelivery(string MessageId, OutboxStatus Status, int Attempts, int? LastStatusCode, string? LastError, DateTime? LastAttemptAt);

public sealed record ItemStrikeRow(string UserItemTypeId, string UserItemId, string PolicyName, int Weight, DateTime CreatedAt, DateTime ExpiresAt, bool Removed);

public sealed record ItemAppealRow(string AppealId, string AppealedById, string AppealedByTypeId, string? Reason, IReadOnlyList<string> Actions, DateTime AppealedAt, string? JobId);
