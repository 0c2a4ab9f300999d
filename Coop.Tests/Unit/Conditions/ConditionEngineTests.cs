using Coop.Domain.Conditions;
using Coop.Domain.Signals;

namespace Coop.Tests.Unit.Conditions;

/// <summary>The three-valued condition engine: outcomes, set logic, short-circuit by cost, signals and their failures.</summary>
public sealed class ConditionEngineTests
{
    private sealed class Subject(Dictionary<string, string[]> fields) : IConditionSubject
    {
        public IReadOnlyList<string> ValuesOf(ConditionInput input, string? field) =>
            input == ConditionInput.ItemField && field is not null && fields.TryGetValue(field, out var v) ? v : [];
    }

    /// <summary>A test runner: "bad" signals fail; "len" returns the value's length; "has-x" is true when the value contains x. Counts runs.</summary>
    private sealed class Runner : ISignalRunner
    {
        public List<string> Runs { get; } = [];

        public int CostOf(SignalCall call) => call.Id == "slow" ? 50 : 1;

        public SignalOutputType? OutputOf(SignalCall call) => call.Id == "len" ? SignalOutputType.Number : SignalOutputType.Boolean;

        public ValueTask<SignalResult> RunAsync(SignalCall call, string value, CancellationToken cancellationToken)
        {
            Runs.Add($"{call.Id}:{value}");
            return ValueTask.FromResult(call.Id switch
            {
                "bad" => SignalResult.Failed("boom"),
                "throws" => throw new InvalidOperationException("kaput"),
                "len" => SignalResult.Number(value.Length),
                _ => SignalResult.Boolean(value.Contains('x', StringComparison.Ordinal), value.Contains('x', StringComparison.Ordinal) ? "x" : null),
            });
        }
    }

    private static readonly Subject Post = new(new() { ["text"] = ["box", "cat"], ["empty"] = [] });

    private static LeafCondition Is(string field, string value) => new(ConditionInput.ItemField, Comparator.Equals, [value], field);

    private static LeafCondition Signal(string id, Comparator comparator = Comparator.Equals, params string[] values) =>
        new(ConditionInput.ItemField, comparator, values, "text", new SignalCall(id));

    private static readonly Condition True = Is("text", "box");
    private static readonly Condition False = Is("text", "dog");
    private static readonly Condition Unknown = Signal("bad");
    private static readonly Condition Missing = Is("nothing", "x");

    private static async Task<ConditionOutcome> OutcomeAsync(Condition condition, Runner? runner = null) =>
        (await ConditionEngine.EvaluateAsync(condition, Post, runner ?? new Runner(), TestContext.Current.CancellationToken)).Outcome;

    public static TheoryData<Conjunction, string, ConditionOutcome> Sets => new()
    {
        { Conjunction.And, "TT", ConditionOutcome.Passed },
        { Conjunction.And, "TU", ConditionOutcome.Errored },
        { Conjunction.And, "UF", ConditionOutcome.Failed },
        { Conjunction.And, "TM", ConditionOutcome.Failed },
        { Conjunction.Or, "FU", ConditionOutcome.Errored },
        { Conjunction.Or, "UT", ConditionOutcome.Passed },
        { Conjunction.Or, "FM", ConditionOutcome.Failed },
        { Conjunction.Not, "F", ConditionOutcome.Passed },
        { Conjunction.Not, "T", ConditionOutcome.Failed },
        { Conjunction.Not, "FU", ConditionOutcome.Errored },
        { Conjunction.Not, "M", ConditionOutcome.Passed },
        { Conjunction.Xor, "TF", ConditionOutcome.Passed },
        { Conjunction.Xor, "TT", ConditionOutcome.Failed },
        { Conjunction.Xor, "TU", ConditionOutcome.Errored },
        { Conjunction.Xor, "FF", ConditionOutcome.Failed },
    };

    [Theory]
    [MemberData(nameof(Sets))]
    public async Task Sets_follow_three_valued_logic(Conjunction conjunction, string children, ConditionOutcome expected)
    {
        var conditions = children.Select(c => c switch { 'T' => True, 'F' => False, 'U' => Unknown, _ => Missing }).ToList();
        Assert.Equal(expected, await OutcomeAsync(new ConditionSet(conjunction, conditions)));
    }

    [Fact]
    public async Task Sets_nest_and_an_empty_set_passes()
    {
        Assert.Equal(ConditionOutcome.Passed, await OutcomeAsync(new ConditionSet(Conjunction.And, [])));
        var nested = new ConditionSet(Conjunction.And, [True, new ConditionSet(Conjunction.Not, [new ConditionSet(Conjunction.Or, [False, Missing])])]);
        Assert.Equal(ConditionOutcome.Passed, await OutcomeAsync(nested));
        Assert.Equal(ConditionOutcome.Inapplicable, await OutcomeAsync(Missing));
    }

    [Fact]
    public async Task Cheap_conditions_run_first_and_a_decided_set_skips_the_rest()
    {
        var runner = new Runner();
        var set = new ConditionSet(Conjunction.And, [Signal("slow"), False, Signal("has-x")]);

        var trace = await ConditionEngine.EvaluateAsync(set, Post, runner, TestContext.Current.CancellationToken);

        Assert.Equal(ConditionOutcome.Failed, trace.Outcome);
        Assert.Empty(runner.Runs);
        Assert.Equal([ConditionOutcome.Skipped, ConditionOutcome.Failed, ConditionOutcome.Skipped], trace.Children!.Select(c => c.Outcome));
        Assert.Equal(["conditions/0", "conditions/1", "conditions/2"], trace.Children!.Select(c => c.Path));
    }

    [Fact]
    public async Task A_signal_passes_when_any_value_passes_and_explains_the_match()
    {
        var trace = await ConditionEngine.EvaluateAsync(Signal("has-x"), Post, new Runner(), TestContext.Current.CancellationToken);
        Assert.Equal((ConditionOutcome.Passed, "true", "x"), (trace.Outcome, trace.Score, trace.MatchedValue));

        var longer = await ConditionEngine.EvaluateAsync(Signal("len", Comparator.GreaterOrEqual, "3"), Post, new Runner(), TestContext.Current.CancellationToken);
        Assert.Equal((ConditionOutcome.Passed, "3"), (longer.Outcome, longer.Score));
        Assert.Equal(ConditionOutcome.Failed, await OutcomeAsync(Signal("len", Comparator.GreaterThan, "3")));
        Assert.Equal(ConditionOutcome.Passed, await OutcomeAsync(Signal("has-x", Comparator.NotEquals))); // "cat" has no x: any value decides
    }

    [Fact]
    public async Task A_failing_or_throwing_signal_is_unavailable_and_only_is_unavailable_passes()
    {
        var failed = await ConditionEngine.EvaluateAsync(Signal("bad"), Post, new Runner(), TestContext.Current.CancellationToken);
        Assert.Equal((ConditionOutcome.Errored, "boom"), (failed.Outcome, failed.Error));
        Assert.Equal(ConditionOutcome.Errored, await OutcomeAsync(Signal("throws")));
        Assert.Equal(ConditionOutcome.Passed, await OutcomeAsync(Signal("bad", Comparator.IsUnavailable)));
        Assert.Equal(ConditionOutcome.Failed, await OutcomeAsync(Signal("has-x", Comparator.IsUnavailable)));
        Assert.False(ConditionEvaluator.Evaluate(Signal("has-x"), Post));
    }

    [Fact]
    public void Signal_conditions_are_checked_against_their_manifest()
    {
        var manifest = new SignalManifest("text.regex", "Regex", "d", SignalOutputType.Boolean, [SignalValueKind.Text], SignalMatching.Strings, 0)
        {
            ConditionFields = [new SignalConfigurationField("limit", "Limit", SignalFieldType.Number)],
        };
        SignalManifest? Find(string id) => id == manifest.Id ? manifest : null;
        var bad = new ConditionSet(Conjunction.And,
        [
            new LeafCondition(ConditionInput.AllText, Comparator.Equals, [], Signal: new SignalCall("text.regex", ["("], null, new Dictionary<string, string> { ["limit"] = "x", ["other"] = "1" })),
            new LeafCondition(ConditionInput.AllText, Comparator.Equals, [], Signal: new SignalCall("nope")),
            new LeafCondition(ConditionInput.AllText, Comparator.Equals, [], Signal: new SignalCall("text.regex")),
        ]);

        var problems = ConditionEvaluator.Problems(bad, Find);

        Assert.Contains(problems, p => p.StartsWith("conditions/0/signal/strings/0:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("conditions/0/signal/arguments/limit:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("conditions/0/signal/arguments/other:", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("conditions/1/signal: there is no signal", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("conditions/2/signal: Regex needs values", StringComparison.Ordinal));
        Assert.Empty(ConditionEvaluator.Problems(new LeafCondition(ConditionInput.AllText, Comparator.Equals, [], Signal: new SignalCall("text.regex", ["a+"])), Find));
    }
}
