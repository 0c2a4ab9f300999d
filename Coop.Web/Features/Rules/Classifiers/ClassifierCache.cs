using System.Collections.Concurrent;
using Coop.Domain.Signals;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Coop.Web.Features.Rules.Classifiers;

/// <summary>
/// Classifier scores per item version, in a size-limited memory cache of its own: re-evaluating the same item
/// version (a backtest, another rule, a re-run) does not call the classifier again. Concurrent requests for one key
/// share one call. Only scores are kept; failures are retried next time (the circuit breaker limits the damage).
/// </summary>
public sealed class ClassifierCache : IDisposable
{
    private readonly MemoryCache cache;
    private readonly ConcurrentDictionary<string, Lazy<Task<SignalResult>>> inFlight = new(StringComparer.Ordinal);
    private readonly TimeSpan duration;

    public ClassifierCache(IOptions<ClassifierOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        cache = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.CacheEntries) });
        duration = options.Value.CacheDuration;
    }

    public async Task<SignalResult> GetOrRunAsync(string key, Func<Task<SignalResult>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (cache.TryGetValue(key, out SignalResult? cached) && cached is not null)
        {
            return cached;
        }

        var call = inFlight.GetOrAdd(key, _ => new Lazy<Task<SignalResult>>(run));
        try
        {
            var result = await call.Value;
            if (!result.IsFailure)
            {
                cache.Set(key, result, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = duration });
            }

            return result;
        }
        finally
        {
            inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<SignalResult>>>(key, call));
        }
    }

    public void Dispose() => cache.Dispose();
}
