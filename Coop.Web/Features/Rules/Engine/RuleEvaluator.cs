using Coop.Domain.Conditions;
using Coop.Domain.Rules;
using Coop.Domain.Signals;
using Coop.Web.Features.Rules.Signals;

namespace Coop.Web.Features.Rules.Engine;

/// <summary>
/// Evaluates rules on one item version with one signal runner (so a signal shared by several rules runs once).
/// Never acts: deciding what to do with the results is the caller's (ingestion, backtests, retroaction, spot tests).
/// </summary>
public sealed class RuleEvaluator(SignalRunnerFactory signals)
{
    public async Task<IReadOnlyList<RuleResult>> EvaluateAsync(
        IReadOnlyList<CompiledRule> rules, ItemSubject subject, SignalItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(subject);
        var runner = signals.For(item);
        var results = new List<RuleResult>(rules.Count);

        // Cheapest rules first, so their signals' results are memoised before the costly ones run.
        foreach (var rule in rules.OrderBy(r => ConditionEngine.CostOf(r.Condition, runner)))
        {
            var trace = await ConditionEngine.EvaluateAsync(rule.Condition, subject, runner, cancellationToken);
            results.Add(new RuleResult(rule.Id, rule.Name, rule.Version, rule.Status, trace.Passed, Acted: false, trace));
        }

        return results;
    }
}
