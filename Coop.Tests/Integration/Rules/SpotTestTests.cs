using System.Text.Json.Nodes;
using Coop.Domain.Authorization;
using Coop.Domain.Conditions;
using Coop.Domain.Rules;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Rules.Engine;
using Coop.Web.Features.Rules.Management;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Rules;

[Trait("Category", "Integration")]
public sealed class SpotTestTests
{
    private static readonly string Admin = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);

    [Fact]
    public async Task A_spot_test_returns_each_rules_trace_with_the_condition_it_explains_and_refuses_bad_input()
    {
        var tester = new RecordingTester();
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite, configure: app => app.TestServices.Add(s => s.AddSingleton<IRuleSpotTester>(tester)));
        var condition = new ConditionSet(Conjunction.Or, [new LeafCondition(ConditionInput.AllText, Comparator.Contains, ["casino"])]);
        var rule = await fixture.App.AsUserAsync(Admin, s => s.SendAsync<CreateRuleCommand, RuleSaved>(new CreateRuleCommand(RuleInput.Empty with
        {
            Name = "Casino", ItemTypeIds = ["post"], Condition = condition,
        })));

        var view = await fixture.App.AsUserAsync(Admin, s => s.AskAsync<SpotTestQuery, SpotTestView>(
            new SpotTestQuery("post", """{ "text": "Visit my casino" }""", " p1 ", [rule.Id])));

        Assert.Equal(("post", "Visit my casino", "p1"), (tester.ItemTypeId, tester.Data?["text"]?.GetValue<string>(), tester.ItemId));
        Assert.Equal(["text is fine"], view.DataErrors);
        var result = Assert.Single(view.Results);
        Assert.Equal((rule.Id, true), (result.Result.RuleId, result.Result.Passed));
        Assert.Equal(ConditionEvaluator.Serialize(condition), ConditionEvaluator.Serialize(result.Condition!));

        var notJson = await Assert.ThrowsAsync<ValidationFailedException>(() => fixture.App.AsUserAsync(Admin, s => s.AskAsync<SpotTestQuery, SpotTestView>(
            new SpotTestQuery("post", "{ text: ", null))));
        Assert.Equal(["Data"], notJson.Errors.Keys);
        var noType = await Assert.ThrowsAsync<ValidationFailedException>(() => fixture.App.AsUserAsync(Admin, s => s.AskAsync<SpotTestQuery, SpotTestView>(
            new SpotTestQuery("nope", "{}", null))));
        Assert.Equal(["ItemTypeId"], noType.Errors.Keys);
    }

    private sealed class RecordingTester : IRuleSpotTester
    {
        public string? ItemTypeId { get; private set; }

        public JsonObject? Data { get; private set; }

        public string? ItemId { get; private set; }

        public Task<SpotTestResult> TestAsync(
            string organizationId, string itemTypeId, JsonObject data, string? itemId, IReadOnlyList<string>? ruleIds, CancellationToken cancellationToken)
        {
            (ItemTypeId, Data, ItemId) = (itemTypeId, data, itemId);
            var trace = new ConditionTrace("conditions", ConditionOutcome.Passed)
            {
                Children = [new ConditionTrace("conditions/0", ConditionOutcome.Passed) { MatchedValue = "casino" }],
            };
            return Task.FromResult(new SpotTestResult(["text is fine"],
                [.. (ruleIds ?? []).Select(id => new RuleResult(id, "Casino", 1, RuleStatus.Draft, true, false, trace))]));
        }
    }
}
