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
    public const string DeliveryRecorded = "delivery.recorded";
}
