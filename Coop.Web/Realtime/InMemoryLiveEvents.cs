using System.Collections.Concurrent;

namespace Coop.Web.Realtime;

/// <summary>The one-node bus: subscribers of this process only. Handlers run concurrently; a failing handler is logged and ignored.</summary>
internal sealed partial class InMemoryLiveEvents(ILogger<InMemoryLiveEvents> logger) : ILiveEvents, ILocallyPublishedLiveEvents
{
    private const string AllTopics = "*";
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, Func<LiveEvent, Task>>> _topics = new(StringComparer.Ordinal);

    public async ValueTask PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        var handlers = (_topics.TryGetValue(liveEvent.Topic, out var topic) ? topic.Values : [])
            .Concat(_topics.TryGetValue(AllTopics, out var all) ? all.Values : [])
            .ToList();
        if (handlers.Count == 0)
        {
            return;
        }

        await Task.WhenAll(handlers.Select(h => InvokeAsync(h, liveEvent))).ConfigureAwait(false);
    }

    public IDisposable Subscribe(string topic, Func<LiveEvent, Task> handler)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(topic);
        ArgumentNullException.ThrowIfNull(handler);
        var id = Guid.NewGuid();
        _topics.GetOrAdd(topic, _ => new ConcurrentDictionary<Guid, Func<LiveEvent, Task>>())[id] = handler;
        return new Subscription(this, topic, id);
    }

    public IDisposable SubscribeAll(Func<LiveEvent, Task> handler) => Subscribe(AllTopics, handler);

    /// <summary>On one node every event is published here.</summary>
    public IDisposable SubscribeAllPublishedHere(Func<LiveEvent, Task> handler) => SubscribeAll(handler);

    private async Task InvokeAsync(Func<LiveEvent, Task> handler, LiveEvent liveEvent)
    {
        try
        {
            await handler(liveEvent).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            LogHandlerFailed(ex, liveEvent.Topic, liveEvent.Kind);
        }
    }

    private void Unsubscribe(string topic, Guid id)
    {
        if (_topics.TryGetValue(topic, out var handlers))
        {
            handlers.TryRemove(id, out _);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A live-event subscriber of {Topic} failed on {Kind}")]
    private partial void LogHandlerFailed(Exception exception, string topic, string kind);

    private sealed class Subscription(InMemoryLiveEvents owner, string topic, Guid id) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Unsubscribe(topic, id);
            }
        }
    }
}
