using System.Text.Json;
using StackExchange.Redis;

namespace Coop.Web.Realtime;

/// <summary>
/// The several-node bus: <see cref="PublishAsync"/> sends the event to one Redis pub/sub channel, and every node (this one included)
/// hands what it hears there to its own subscribers, once. The channel subscription is made once, at start, and StackExchange.Redis
/// restores it after Redis restarts; while Redis is unreachable an event published here is delivered here only (logged), since
/// screens re-read what they show and the next event sets them right.
/// </summary>
internal sealed partial class RedisLiveEvents : ILiveEvents, ILocallyPublishedLiveEvents, IHostedService
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IConnectionMultiplexer redis;
    private readonly InMemoryLiveEvents local;
    private readonly InMemoryLiveEvents publishedHere;
    private readonly RedisChannel channel;
    private readonly ILogger<RedisLiveEvents> logger;
    private ChannelMessageQueue? queue;

    public RedisLiveEvents(IConnectionMultiplexer redis, RealtimeOptions options, ILoggerFactory loggers)
    {
        this.redis = redis;
        local = new InMemoryLiveEvents(loggers.CreateLogger<InMemoryLiveEvents>());
        publishedHere = new InMemoryLiveEvents(loggers.CreateLogger<InMemoryLiveEvents>());
        channel = RedisChannel.Literal($"{options.ChannelPrefix}:live-events");
        logger = loggers.CreateLogger<RedisLiveEvents>();
    }

    public async ValueTask PublishAsync(LiveEvent liveEvent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(liveEvent);
        await publishedHere.PublishAsync(liveEvent, cancellationToken).ConfigureAwait(false);
        try
        {
            await redis.GetSubscriber().PublishAsync(channel, JsonSerializer.Serialize(liveEvent, Json)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is RedisException or TimeoutException)
        {
            LogPublishFailed(ex, liveEvent.Topic, liveEvent.Kind);
            await local.PublishAsync(liveEvent, cancellationToken).ConfigureAwait(false);
        }
    }

    public IDisposable Subscribe(string topic, Func<LiveEvent, Task> handler) => local.Subscribe(topic, handler);

    public IDisposable SubscribeAll(Func<LiveEvent, Task> handler) => local.SubscribeAll(handler);

    public IDisposable SubscribeAllPublishedHere(Func<LiveEvent, Task> handler) => publishedHere.SubscribeAll(handler);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += OnConnectionFailed;
        redis.ConnectionRestored += OnConnectionRestored;
        queue = await redis.GetSubscriber().SubscribeAsync(channel).ConfigureAwait(false);

        // One queue, read in order by one loop: each message reaches this node's subscribers exactly once.
        queue.OnMessage(DeliverAsync);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        if (queue is not null)
        {
            await queue.UnsubscribeAsync().ConfigureAwait(false);
        }
    }

    private async Task DeliverAsync(ChannelMessage message)
    {
        LiveEvent? liveEvent;
        try
        {
            liveEvent = JsonSerializer.Deserialize<LiveEvent>((string)message.Message!, Json);
        }
        catch (JsonException ex)
        {
            LogUnreadable(ex);
            return;
        }

        if (liveEvent is not null)
        {
            await local.PublishAsync(liveEvent).ConfigureAwait(false);
        }
    }

    private void OnConnectionFailed(object? sender, ConnectionFailedEventArgs e) => LogConnectionFailed(e.Exception, e.EndPoint?.ToString(), e.FailureType);

    private void OnConnectionRestored(object? sender, ConnectionFailedEventArgs e) => LogConnectionRestored(e.EndPoint?.ToString());

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish a live event ({Topic}, {Kind}) to Redis; delivered on this node only")]
    private partial void LogPublishFailed(Exception exception, string topic, string kind);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored an unreadable live event from Redis")]
    private partial void LogUnreadable(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the Redis connection to {EndPoint} ({FailureType}); live events reach other nodes again once it is back")]
    private partial void LogConnectionFailed(Exception? exception, string? endPoint, ConnectionFailureType failureType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis connection to {EndPoint} restored; live events travel between nodes again")]
    private partial void LogConnectionRestored(string? endPoint);
}
