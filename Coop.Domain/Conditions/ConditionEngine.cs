using Coop.Domain.Signals;

namespace Coop.Domain.Conditions;

/// <summary>
/// Evaluates a condition tree with Coop's three-valued logic and explains the result:
/// <list type="bullet">
/// <item>leaves are Passed, Failed, Inapplicable (no input value) or Errored (the signal failed);</item>
/// <item>in sets Inapplicable counts as false and Errored as unknown: AND is false if any child is false, else
/// unknown if any is unknown; OR is true if any is true, else unknown if any is unknown; NOT (none matches) is
/// false if any child is true, else unknown if any is unknown; XOR is true when exactly one is true and none unknown;</item>
/// <item>children run cheapest first (by signal cost) and a set stops as soon as its outcome is decided; the
/// skipped children are traced as Skipped;</item>
/// <item>an input with several values passes when any value passes (the first passing value's score is kept).</item>
/// </list>
/// Only a Passed top-level outcome makes a rule match.
/// </summary>
public static class ConditionEngine
{
    public static ValueTask<ConditionTrace> EvaluateAsync(
        Condition condition, IConditionSubject subject, ISignalRunner signals, CancellationToken cancellationToken = default) =>
        EvaluateAsync(condition, subject, signals, "conditions", cancellationToken);

    private static async ValueTask<ConditionTrace> EvaluateAsync(
        Condition condition, IConditionSubject subject, ISignalRunner signals, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(signals);
        return condition switch
        {
            ConditionSet set => await EvaluateSetAsync(set, subject, signals, path, cancellationToken),
            LeafCondition leaf => await EvaluateLeafAsync(leaf, subject, signals, path, cancellationToken),
            _ => new ConditionTrace(path, ConditionOutcome.Inapplicable),
        };
    }

    /// <summary>The estimated cost of evaluating <paramref name="condition"/>: the sum of its signals' costs.</summary>
    public static int CostOf(Condition condition, ISignalRunner signals) => condition switch
    {
        ConditionSet set => set.Conditions.Sum(c => CostOf(c, signals)),
        LeafCondition { Signal: { } call } => signals.CostOf(call),
        _ => 0,
    };

    /// <summary>Every signal call in the tree (for preloading banks and validating).</summary>
    public static IEnumerable<SignalCall> SignalCalls(Condition condition) => condition switch
    {
        ConditionSet set => set.Conditions.SelectMany(SignalCalls),
        LeafCondition { Signal: { } call } => [call],
        _ => [],
    };

    private static async ValueTask<ConditionTrace> EvaluateSetAsync(
        ConditionSet set, IConditionSubject subject, ISignalRunner signals, string path, CancellationToken cancellationToken)
    {
        if (set.Conditions.Count == 0)
        {
            return new ConditionTrace(path, ConditionOutcome.Passed) { Children = [] };
        }

        var order = Enumerable.Range(0, set.Conditions.Count).OrderBy(i => CostOf(set.Conditions[i], signals)).ToList();
        var traces = new ConditionTrace?[set.Conditions.Count];
        int trues = 0, unknowns = 0, falses = 0;
        foreach (var i in order)
        {
            if (Decided(set.Conjunction, trues, falses))
            {
                break;
            }

            var trace = await EvaluateAsync(set.Conditions[i], subject, signals, $"{path}/{i}", cancellationToken);
            traces[i] = trace;
            switch (trace.Outcome)
            {
                case ConditionOutcome.Passed:
                    trues++;
                    break;
                case ConditionOutcome.Errored:
                    unknowns++;
                    break;
                default:
                    falses++;
                    break;
            }
        }

        var children = traces.Select((t, i) => t ?? new ConditionTrace($"{path}/{i}", ConditionOutcome.Skipped)).ToList();
        var outcome = set.Conjunction switch
        {
            Conjunction.And => falses > 0 ? ConditionOutcome.Failed : unknowns > 0 ? ConditionOutcome.Errored : ConditionOutcome.Passed,
            Conjunction.Or => trues > 0 ? ConditionOutcome.Passed : unknowns > 0 ? ConditionOutcome.Errored : ConditionOutcome.Failed,
            Conjunction.Not => trues > 0 ? ConditionOutcome.Failed : unknowns > 0 ? ConditionOutcome.Errored : ConditionOutcome.Passed,
            _ => trues > 1 ? ConditionOutcome.Failed : unknowns > 0 ? ConditionOutcome.Errored : trues == 1 ? ConditionOutcome.Passed : ConditionOutcome.Failed,
        };
        return new ConditionTrace(path, outcome) { Children = children };
    }

    private static bool Decided(Conjunction conjunction, int trues, int falses) => conjunction switch
    {
        Conjunction.And => falses > 0,
        Conjunction.Or or Conjunction.Not => trues > 0,
        _ => trues > 1,
    };

    private static async ValueTask<ConditionTrace> EvaluateLeafAsync(
        LeafCondition leaf, IConditionSubject subject, ISignalRunner signals, string path, CancellationToken cancellationToken)
    {
        var values = subject.ValuesOf(leaf.Input, leaf.Field);
        if (leaf.Signal is not { } call)
        {
            if (values.Count == 0 && leaf.Comparator is not (Comparator.IsEmpty or Comparator.IsNotEmpty or Comparator.NotEquals))
            {
                return new ConditionTrace(path, ConditionOutcome.Inapplicable);
            }

            var passed = ConditionEvaluator.Compare(leaf, values);
            return new ConditionTrace(path, passed ? ConditionOutcome.Passed : ConditionOutcome.Failed)
            {
                MatchedValue = passed ? values.FirstOrDefault(v => ConditionEvaluator.Compare(leaf, [v])) : null,
            };
        }

        if (values.Count == 0)
        {
            return new ConditionTrace(path, leaf.Comparator == Comparator.IsUnavailable ? ConditionOutcome.Failed : ConditionOutcome.Inapplicable);
        }

        string? firstError = null;
        SignalResult? firstScored = null;
        foreach (var value in values.Distinct(StringComparer.Ordinal))
        {
            SignalResult result;
            try
            {
                result = await signals.RunAsync(call, value, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                result = SignalResult.Failed(ex.Message);
            }

            if (result.IsFailure)
            {
                firstError ??= result.Error;
                if (leaf.Comparator == Comparator.IsUnavailable)
                {
                    return new ConditionTrace(path, ConditionOutcome.Passed) { Error = result.Error };
                }

                continue;
            }

            firstScored ??= result;
            if (leaf.Comparator != Comparator.IsUnavailable && ScorePasses(leaf, result))
            {
                return new ConditionTrace(path, ConditionOutcome.Passed) { Score = result.ScoreText, MatchedValue = result.MatchedValue ?? value };
            }
        }

        return firstError is not null && leaf.Comparator != Comparator.IsUnavailable
            ? new ConditionTrace(path, ConditionOutcome.Errored) { Error = firstError, Score = firstScored?.ScoreText }
            : new ConditionTrace(path, ConditionOutcome.Failed) { Score = firstScored?.ScoreText, MatchedValue = firstScored?.MatchedValue };
    }

    /// <summary>Compares a signal's score with the condition: a boolean with no values means "is true".</summary>
    private static bool ScorePasses(LeafCondition leaf, SignalResult result)
    {
        if (result.Type == SignalOutputType.Boolean && (leaf.Values.Count == 0 || leaf.Values.All(string.IsNullOrEmpty)))
        {
            return leaf.Comparator == Comparator.NotEquals ? !result.BooleanValue : result.BooleanValue;
        }

        return result.ScoreText is { } score && ConditionEvaluator.Compare(leaf, [score]);
    }
}
