namespace Coop.Web.Realtime;

/// <summary>The <c>Realtime</c> configuration section: how live events reach other nodes.</summary>
public sealed class RealtimeOptions
{
    public const string SectionName = "Realtime";

    /// <summary>
    /// A StackExchange.Redis connection string (e.g. <c>redis:6379,password=…</c>). Empty: one node, live events stay in the process.
    /// Set: SignalR uses the Redis backplane, <see cref="ILiveEvents"/> travels over Redis pub/sub and the distributed cache lives in Redis.
    /// </summary>
    public string? Redis { get; set; }

    /// <summary>Prefixes every Redis channel and cache key, so several Coop deployments can share one Redis server.</summary>
    public string ChannelPrefix { get; set; } = "coop";

    public bool UsesRedis => !string.IsNullOrWhiteSpace(Redis);
}
