namespace Coop.Domain.Moderation;

/// <summary>A queue a reviewer starred: starred queues are listed first for them.</summary>
public sealed class QueueStar
{
    private QueueStar()
    {
    }

    public string UserId { get; private set; } = string.Empty;

    public string QueueId { get; private set; } = string.Empty;

    public DateTime StarredAt { get; private set; }

    public static QueueStar Create(string userId, string queueId, DateTime nowUtc) =>
        new() { UserId = userId, QueueId = queueId, StarredAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc) };
}
