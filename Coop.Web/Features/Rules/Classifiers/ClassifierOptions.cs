namespace Coop.Web.Features.Rules.Classifiers;

/// <summary>
/// External classifier plumbing (<c>Classifiers</c> section): the result cache and the circuit breaker that every
/// HTTP classifier signal shares. Per-organization settings (endpoint, key, timeout) are signal settings, not these.
/// </summary>
public sealed class ClassifierOptions
{
    public const string SectionName = "Classifiers";

    /// <summary>Results kept in memory (one entry per signal, settings, arguments, item version and value).</summary>
    public int CacheEntries { get; set; } = 50_000;

    /// <summary>How long a result is reused for the same item version (a backtest, several rules, a re-run).</summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The circuit opens when at least this many calls in <see cref="BreakerWindow"/> all failed.</summary>
    public int BreakerFailures { get; set; } = 5;

    public TimeSpan BreakerWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an open circuit refuses calls before one trial call is let through.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);
}
