namespace Coop.Web.Realtime;

/// <summary>Values of <see cref="LiveEvent.Kind"/>.</summary>
public static class LiveEventKinds
{
    public const string JobEnqueued = "job.enqueued";
    public const string JobClaimed = "job.claimed";
    public const string JobReleased = "job.released";
    public const string JobClosed = "job.closed";
    public const string JobMoved = "job.moved";
    public const string JobUpdated = "job.updated";
    public const string PresenceChanged = "presence.changed";
    public const string CommentAdded = "comment.added";
    public const string QueueChanged = "queue.changed";
    public const string ActionExecuted = "action.executed";
    public const string ItemChanged = "item.changed";
    public const string BulkActionChanged = "bulk-action.changed";

    /// <summary>A rule was created, changed, had its status set or was deleted (on <see cref="LiveTopics.Rules"/>; entity = the rule id).</summary>
    public const string RuleChanged = "rule.changed";

    /// <summary>
    /// A batch of evaluations was recorded (on <see cref="LiveTopics.Rules"/>; entity = the evaluated rule ids joined by commas, see
    /// <see cref="RuleIds"/>; null means any rule).
    /// </summary>
    public const string RuleEvaluated = "rule.evaluated";

    /// <summary>The rule ids a <see cref="RuleEvaluated"/> event names (empty: any rule may have changed).</summary>
    public static IReadOnlyList<string> RuleIds(LiveEvent liveEvent) =>
        liveEvent?.EntityId is { Length: > 0 } ids ? ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : [];

    /// <summary>A backtest or retroaction started, progressed or finished (on <see cref="LiveTopics.Rules"/>; entity = the run id).</summary>
    public const string RuleRunChanged = "rule-run.changed";

    public const string DeliveryRecorded = "delivery.recorded";

    /// <summary>An NCMEC submission changed state, was retried, or failed a step (on <see cref="LiveTopics.ChildSafety"/>; entity = the submission id).</summary>
    public const string NcmecSubmissionChanged = "ncmec-submission.changed";

    /// <summary>Permissions, a role assignment or a user's activation changed (on <see cref="LiveTopics.Access"/>).</summary>
    public const string AccessChanged = "access.changed";

    /// <summary>An organization's API keys changed: one was issued and the others revoked (on <see cref="LiveTopics.ApiKeys"/>).</summary>
    public const string ApiKeysChanged = "api-keys.changed";
}
