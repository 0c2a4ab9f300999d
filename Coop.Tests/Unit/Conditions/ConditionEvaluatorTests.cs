using Coop.Domain.Conditions;

namespace Coop.Tests.Unit.Conditions;

[Trait("Category", "Unit")]
public sealed class ConditionEvaluatorTests
{
    private sealed class Subject(Dictionary<string, string[]> fields, string reason = "ads everywhere") : IConditionSubject
    {
        public IReadOnlyList<string> ValuesOf(ConditionInput input, string? field) => input switch
        {
            ConditionInput.ItemType => ["post"],
            ConditionInput.ReportReason => [reason],
            ConditionInput.ReporterId => ["u7"],
            ConditionInput.ItemField => fields.GetValueOrDefault(field ?? string.Empty, []),
            _ => [],
        };
    }

    private static readonly Subject Post = new(new() { ["score"] = ["42"], ["tags"] = ["Crypto", "deals"], ["empty"] = [] });

    private static LeafCondition Leaf(ConditionInput input, Comparator comparator, string? field = null, params string[] values) => new(input, comparator, values, field);

    [Theory]
    [InlineData(ConditionInput.ItemType, Comparator.Equals, null, "POST", true)]
    [InlineData(ConditionInput.ItemType, Comparator.NotEquals, null, "post", false)]
    [InlineData(ConditionInput.ReportReason, Comparator.Contains, null, "EVERYWHERE", true)]
    [InlineData(ConditionInput.ReportReason, Comparator.StartsWith, null, "ads", true)]
    [InlineData(ConditionInput.ReportReason, Comparator.MatchesRegex, null, "^ads\\s+every", true)]
    [InlineData(ConditionInput.ItemField, Comparator.GreaterThan, "score", "40", true)]
    [InlineData(ConditionInput.ItemField, Comparator.LessOrEqual, "score", "41.5", false)]
    [InlineData(ConditionInput.ItemField, Comparator.Equals, "tags", "crypto", true)]
    [InlineData(ConditionInput.ItemField, Comparator.IsEmpty, "empty", "", true)]
    [InlineData(ConditionInput.ItemField, Comparator.IsNotEmpty, "missing", "", false)]
    [InlineData(ConditionInput.ItemField, Comparator.GreaterThan, "tags", "1", false)]
    public void Each_comparator_compares_as_documented(ConditionInput input, Comparator comparator, string? field, string value, bool expected) =>
        Assert.Equal(expected, ConditionEvaluator.Evaluate(Leaf(input, comparator, field, value), Post));

    [Fact]
    public void Sets_nest_with_and_or_and_an_empty_set_matches_everything()
    {
        var condition = new ConditionSet(Conjunction.And,
        [
            Leaf(ConditionInput.ItemType, Comparator.IsOneOf, null, "comment", "post"),
            new ConditionSet(Conjunction.Or, [Leaf(ConditionInput.ReporterId, Comparator.Equals, null, "nobody"), Leaf(ConditionInput.ItemField, Comparator.Contains, "tags", "deal")]),
        ]);

        Assert.True(ConditionEvaluator.Evaluate(condition, Post));
        Assert.False(ConditionEvaluator.Evaluate(condition with { Conditions = [.. condition.Conditions, Leaf(ConditionInput.ReporterId, Comparator.Equals, null, "u8")] }, Post));
        Assert.True(ConditionEvaluator.Evaluate(new ConditionSet(Conjunction.Or, []), Post));
        var json = ConditionEvaluator.Serialize(condition);
        Assert.Equal(json, ConditionEvaluator.Serialize(ConditionEvaluator.Deserialize(json)));
        Assert.Contains("\"type\":\"set\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void A_catastrophic_regex_times_out_as_no_match_and_bad_conditions_are_explained()
    {
        var slow = new Subject([], reason: new string('a', 40) + "!");
        Assert.False(ConditionEvaluator.Evaluate(Leaf(ConditionInput.ReportReason, Comparator.MatchesRegex, null, "^(a+)+$"), slow));

        var problems = ConditionEvaluator.Problems(new ConditionSet(Conjunction.And,
        [
            Leaf(ConditionInput.ReportReason, Comparator.MatchesRegex, null, "(unclosed"),
            Leaf(ConditionInput.ItemField, Comparator.GreaterThan, null, "lots"),
            Leaf(ConditionInput.ReportReason, Comparator.Contains, null, string.Empty),
        ]));

        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("conditions/0:", StringComparison.Ordinal) && p.Contains("regular expression", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("conditions/1:", StringComparison.Ordinal) && p.Contains("field", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("conditions/1:", StringComparison.Ordinal) && p.Contains("number", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("conditions/2:", StringComparison.Ordinal));
    }
}
