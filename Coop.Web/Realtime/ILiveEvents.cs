namespace Coop.Web.Realtime;

/// <summary>
/// The live-event bus: every queue and job state change is published here after it commits, and Blazor
/// components (through <c>InvokeAsync</c>) and the SignalR hub subscribe. In-process on one node; carried by
/// Redis between nodes when Redis is configured.
/// </summary>
public interface ILiveEvents
{
    /// <summary>Delivers <paramref name="liveEvent"/> to the subscribers of its topic on every node. Never throws for a subscriber's failure.</summary>
    ValueTask PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default);

    /// <summary>Calls <paramref name="handler"/> for each event on <paramref name="topic"/> until the result is disposed.</summary>
    IDisposable Subscribe(string topic, Func<LiveEvent, Task> handler);

    /// <summary>Calls <paramref name="handler"/> for every event of every topic (the SignalR bridge) until the result is disposed.</summary>
    IDisposable SubscribeAll(Func<LiveEvent, Task> handler);
}
