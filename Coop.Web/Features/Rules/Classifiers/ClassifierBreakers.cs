using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Registry;

namespace Coop.Web.Features.Rules.Classifiers;

/// <summary>
/// One Polly circuit breaker per organization and classifier signal: when every call in the window failed (at least
/// <see cref="ClassifierOptions.BreakerFailures"/> of them), calls are refused for <see cref="ClassifierOptions.BreakDuration"/>,
/// then one trial call decides whether it closes again.
/// </summary>
public sealed class ClassifierBreakers(IOptions<ClassifierOptions> options, TimeProvider time) : IAsyncDisposable
{
    private readonly ResiliencePipelineRegistry<string> registry = new();

    public ResiliencePipeline For(string key) => registry.GetOrAddPipeline(key, builder =>
    {
        var settings = options.Value;
        builder.TimeProvider = time;
        builder.AddCircuitBreaker(new CircuitBreakerStrategyOptions
        {
            FailureRatio = 1.0,
            MinimumThroughput = Math.Max(2, settings.BreakerFailures),
            SamplingDuration = settings.BreakerWindow,
            BreakDuration = settings.BreakDuration,
            ShouldHandle = new PredicateBuilder().Handle<ClassifierCallException>(),
        });
    });

    public ValueTask DisposeAsync() => registry.DisposeAsync();
}
