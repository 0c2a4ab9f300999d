using Bunit;
using Coop.Domain.Conditions;
using Coop.Tests.Support;
using Coop.Web.Features.Rules.Components;

namespace Coop.Tests.Components.Rules;

[Trait("Category", "Component")]
public sealed class ConditionTraceViewTests : CoopComponentTest
{
    [Fact]
    public void Each_condition_shows_its_outcome_score_matched_value_and_error_as_text()
    {
        var condition = new ConditionSet(Conjunction.And,
        [
            new LeafCondition(ConditionInput.AllText, Comparator.Equals, [], null, new SignalCall("text.bank", BankIds: ["b1"])),
            new ConditionSet(Conjunction.Or,
            [
                new LeafCondition(ConditionInput.AnyImage, Comparator.LessOrEqual, ["31"], null, new SignalCall("image.pdq")),
                new LeafCondition(ConditionInput.AuthorStrikeScore, Comparator.GreaterThan, ["3"]),
            ]),
        ]);
        var trace = new ConditionTrace("conditions", ConditionOutcome.Errored)
        {
            Children =
            [
                new ConditionTrace("conditions/0", ConditionOutcome.Passed) { Score = "true", MatchedValue = "<script>alert(1)</script>" },
                new ConditionTrace("conditions/1", ConditionOutcome.Errored)
                {
                    // Children listed in evaluation order (cheapest first), not in the condition's order.
                    Children =
                    [
                        new ConditionTrace("conditions/1/1", ConditionOutcome.Failed) { Score = "1" },
                        new ConditionTrace("conditions/1/0", ConditionOutcome.Errored) { Error = "Image fetch timed out." },
                    ],
                },
            ],
        };

        var cut = Render<ConditionTraceView>(p => p
            .Add(v => v.Condition, condition)
            .Add(v => v.Trace, trace)
            .Add(v => v.SignalName, id => id == "text.bank" ? "Text bank" : null));

        Assert.Equal("Errored", cut.Find("[data-testid=trace-outcome-root]").TextContent.Trim());
        Assert.Equal("Passed", cut.Find("[data-testid=trace-outcome-0]").TextContent.Trim());
        Assert.Contains("Text bank [bank b1] of all text", cut.Find("[data-testid=trace-0]").TextContent, StringComparison.Ordinal);
        Assert.Equal("matched <script>alert(1)</script>", cut.Find("[data-testid=trace-matched-0]").TextContent.Trim());
        Assert.Empty(cut.FindAll("script"));
        Assert.Equal("Image fetch timed out.", cut.Find("[data-testid=trace-error-1-0]").TextContent.Trim());
        Assert.Contains("image.pdq of any image ≤ 31", cut.Find("[data-testid=trace-1-0]").TextContent, StringComparison.Ordinal);
        Assert.Contains("author's strike score > 3", cut.Find("[data-testid=trace-1-1]").TextContent, StringComparison.Ordinal);
        Assert.Equal("score 1", cut.Find("[data-testid=trace-score-1-1]").TextContent.Trim());
        Assert.Equal("Failed", cut.Find("[data-testid=trace-1-1]").GetAttribute("data-outcome"));
    }
}
