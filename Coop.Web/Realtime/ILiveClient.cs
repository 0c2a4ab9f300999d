namespace Coop.Web.Realtime;

/// <summary>What the <c>/hubs/live</c> hub calls on its clients.</summary>
public interface ILiveClient
{
    /// <summary>Something changed on a topic the client subscribed to; re-read what you show.</summary>
    Task LiveEvent(LiveEventMessage message);
}

/// <summary>A live event as hub clients receive it (no organization id: a client only ever hears its own).</summary>
public sealed record LiveEventMessage(string Topic, string Kind, string? EntityId, string? ActorUserId, DateTimeOffset SentAt);
