using Coop.Domain.Signals;

namespace Coop.Domain.Conditions;

/// <summary>Runs signals for one evaluation context (one item version), memoising equal calls on equal values.</summary>
public interface ISignalRunner
{
    /// <summary>The relative cost of the signal (conditions are evaluated cheapest first); unknown signals cost 0.</summary>
    int CostOf(SignalCall call);

    /// <summary>The signal's output type, or null for an unknown signal.</summary>
    SignalOutputType? OutputOf(SignalCall call);

    /// <summary>Scores <paramref name="value"/>; never throws for a signal's own failure (returns a failed result).</summary>
    ValueTask<SignalResult> RunAsync(SignalCall call, string value, CancellationToken cancellationToken);
}

/// <summary>A runner for contexts without signals (plain routing): every signal is unavailable.</summary>
public sealed class NoSignals : ISignalRunner
{
    public static NoSignals Instance { get; } = new();

    public int CostOf(SignalCall call) => 0;

    public SignalOutputType? OutputOf(SignalCall call) => null;

    public ValueTask<SignalResult> RunAsync(SignalCall call, string value, CancellationToken cancellationToken) =>
        ValueTask.FromResult(SignalResult.Failed($"The signal '{call?.Id}' is not available here."));
}
