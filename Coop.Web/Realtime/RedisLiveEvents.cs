using System.Text.Json;
using StackExchange.Redis;

namespace Coop.Web.Realtime;

/// <summary>
/// The several-node bus: <see cref="PublishAsync"/> sends the event to one Redis pub/sub channel, and every node (this one included)
/// hands what it hears there to its own subscribers, once. The channel subscription is made at start (retried in the background while Redis is unreachable, so a node starts without it), and StackExchange.Redis
/// restores it after Redis restarts; while Redis is unreachable an event published here is delivered here only (logged), since
/// screens re-read what they show and the next event sets them right.
/// </summary>
internal sealed partial class RedisLiveEvents : ILiveEvents, ILocallyPublishedLiveEvents, IHostedService, IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IConnectionMultiplexer redis;
    private readonly InMemoryLiveEvents local;
    private readonly InMemoryLiveEvents publishedHere;
    private readonly RedisChannel channel;
    private readonly ILogger<RedisLiveEvents> logger;
    private readonly CancellationTokenSource stopping = new();
    private ChannelMessageQueue? queue;
    private Task? subscribing;

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

        // Subscribing needs Redis; a node must still start (and serve, delivering its own events locally) while Redis is down,
        // so the subscription is made in the background and retried until it holds.
        subscribing = SubscribeUntilDoneAsync(stopping.Token);

        // With Redis up the first attempt takes milliseconds: wait for it, so events published right after start are heard here.
        try
        {
            await subscribing.WaitAsync(TimeSpan.FromSeconds(2), cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Redis is unreachable: carry on; the background attempt goes on.
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed -= OnConnectionFailed;
        redis.ConnectionRestored -= OnConnectionRestored;
        await stopping.CancelAsync().ConfigureAwait(false);
        if (subscribing is not null)
        {
            await subscribing.ConfigureAwait(false);
        }

        if (queue is not null)
        {
            try
            {
                await queue.UnsubscribeAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                // Redis is gone; the subscription goes with the connection.
            }
        }
    }

    public void Dispose() => stopping.Dispose();

    private async Task SubscribeUntilDoneAsync(CancellationToken cancellationToken)
    {
        var wait = TimeSpan.FromSeconds(1);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var subscribed = await redis.GetSubscriber().SubscribeAsync(channel).ConfigureAwait(false);

                // One queue, read in order by one loop: each message reaches this node's subscribers exactly once.
                subscribed.OnMessage(DeliverAsync);
                queue = subscribed;
                return;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                LogSubscribeFailed(ex, wait.TotalSeconds);
            }

            try
            {
                await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            wait = TimeSpan.FromSeconds(Math.Min(wait.TotalSeconds * 2, 5));
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not subscribe to live events on Redis; live changes from other nodes do not reach this node until it does (retrying in {Seconds} s)")]
    private partial void LogSubscribeFailed(Exception exception, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ignored an unreadable live event from Redis")]
    private partial void LogUnreadable(Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Lost the Redis connection to {EndPoint} ({FailureType}); live events reach other nodes again once it is back")]
    private partial void LogConnectionFailed(Exception? exception, string? endPoint, ConnectionFailureType failureType);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis connection to {EndPoint} restored; live events travel between nodes again")]
    private partial void LogConnectionRestored(string? endPoint);
}
