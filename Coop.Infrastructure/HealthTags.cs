namespace Coop.Infrastructure;

/// <summary>Names shared by the health checks: <c>/health/ready</c> runs the checks tagged <see cref="Ready"/>; <c>/health/live</c> runs none.</summary>
public static class HealthTags
{
    public const string Ready = "ready";

    /// <summary>The Redis connection string (StackExchange.Redis format); empty means one node without Redis.</summary>
    public const string RedisKey = "Realtime:Redis";
}
