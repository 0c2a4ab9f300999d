namespace Coop.Domain.Webhooks;

/// <summary>
/// How many attempts a round has and how long to wait between them: exponential, base × 2^(n−1)
/// after the n-th attempt (2 s, 4 s, 8 s, 16 s with the default 2 s base), capped at <see cref="MaxDelay"/>.
/// </summary>
public sealed record DeliveryRetryPolicy(int MaxAttempts, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    public static DeliveryRetryPolicy Default { get; } = new(5, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(15));

    /// <summary>The wait after attempt <paramref name="attemptInRound"/> (1-based), honouring a receiver's Retry-After up to the cap.</summary>
    public TimeSpan DelayAfter(int attemptInRound, TimeSpan? retryAfter = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attemptInRound, 1);
        var exponent = Math.Min(attemptInRound - 1, 30);
        var ticks = Math.Min((double)BaseDelay.Ticks * Math.Pow(2, exponent), MaxDelay.Ticks);
        var delay = TimeSpan.FromTicks((long)ticks);
        if (retryAfter is { } asked && asked > delay)
        {
            delay = asked < MaxDelay ? asked : MaxDelay;
        }

        return delay;
    }
}
