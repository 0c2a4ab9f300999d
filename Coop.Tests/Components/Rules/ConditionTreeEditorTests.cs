using Bunit;
using Coop.Domain.Conditions;
using Coop.Tests.Support;
using Coop.Web.Features.Rules.Components;

namespace Coop.Tests.Components.Rules;

[Trait("Category", "Component")]
public sealed class ConditionTreeEditorTests : CoopComponentTest
{
    private Condition? produced;

    [Fact]
    public void Adding_a_group_changing_its_conjunction_and_removing_a_condition_produce_the_matching_condition()
    {
        var start = new ConditionSet(Conjunction.And, [new LeafCondition(ConditionInput.AllText, Comparator.Contains, ["buy now"])]);
        var cut = Render(start);

        cut.Find("[data-testid=cond-add-group-root]").Click();
        Assert.Equal(Json(new ConditionSet(Conjunction.And,
        [
            new LeafCondition(ConditionInput.AllText, Comparator.Contains, ["buy now"]),
            new ConditionSet(Conjunction.Or, [new LeafCondition(ConditionInput.AllText, Comparator.Contains, [])]),
        ])), Json(produced));

        cut.Find("[data-testid=cond-conj-1-Not]").Click();
        cut.Find("[data-testid=cond-add-condition-1]").Click();
        cut.Find("[data-testid=cond-value-1-0]").Input("casino");
        cut.Find("[data-testid=cond-value-1-1]").Input("lottery");
        cut.Find("[data-testid=cond-conj-root-Xor]").Click();

        Assert.Equal(Json(new ConditionSet(Conjunction.Xor,
        [
            new LeafCondition(ConditionInput.AllText, Comparator.Contains, ["buy now"]),
            new ConditionSet(Conjunction.Not,
            [
                new LeafCondition(ConditionInput.AllText, Comparator.Contains, ["casino"]),
                new LeafCondition(ConditionInput.AllText, Comparator.Contains, ["lottery"]),
            ]),
        ])), Json(produced));

        cut.Find("[data-testid=cond-remove-1-0]").Click();
        cut.Find("[data-testid=cond-remove-0]").Click();
        Assert.Equal(Json(new ConditionSet(Conjunction.Xor,
            [new ConditionSet(Conjunction.Not, [new LeafCondition(ConditionInput.AllText, Comparator.Contains, ["lottery"])])])), Json(produced));
        Assert.Equal("lottery", cut.Find("[data-testid=cond-value-0-0]").GetAttribute("value"));
    }

    [Fact]
    public void A_loaded_tree_shows_each_level_and_the_errors_at_their_paths()
    {
        var condition = new ConditionSet(Conjunction.Or,
        [
            new LeafCondition(ConditionInput.ItemField, Comparator.GreaterOrEqual, ["10"], "score"),
            new ConditionSet(Conjunction.And, [new LeafCondition(ConditionInput.AllText, Comparator.MatchesRegex, ["(bad"])]),
        ]);
        var errors = new Dictionary<string, string[]>
        {
            ["Condition/1/0"] = ["'(bad' is not a valid regular expression."],
            ["Condition"] = ["Whole-condition problem."],
        };
        var cut = Render<ConditionTreeEditor>(p => p
            .Add(e => e.Value, condition)
            .Add(e => e.Context, ConditionEditorContext.Empty with { Errors = errors }));

        Assert.Equal("'(bad' is not a valid regular expression.", cut.Find("[data-testid=cond-error-1-0]").TextContent.Trim());
        Assert.Equal("Whole-condition problem.", cut.Find("[data-testid=cond-error-root]").TextContent.Trim());
        Assert.Empty(cut.FindAll("[data-testid=cond-error-0]"));
        Assert.Equal("score", cut.Find("[data-testid=cond-field-0]").GetAttribute("value"));
        Assert.Single(cut.FindAll("[data-testid=cond-group-1]"));
        Assert.Empty(cut.FindAll("[data-testid=cond-remove-root]"));
    }

    private IRenderedComponent<ConditionTreeEditor> Render(Condition start) =>
        Render<ConditionTreeEditor>(p => p
            .Add(e => e.Value, start)
            .Add(e => e.ValueChanged, c => produced = c));

    private static string Json(Condition? condition) => condition is null ? "null" : ConditionEvaluator.Serialize(condition);
}
