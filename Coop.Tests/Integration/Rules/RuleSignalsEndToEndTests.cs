using System.Net;
using System.Text.Json.Nodes;
using Coop.Domain.Authorization;
using Coop.Domain.Conditions;
using Coop.Domain.Rules;
using Coop.Domain.Rules.TextBanks;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Web.Features.Rules.Engine;
using Coop.Web.Features.Rules.TextBanks;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Rules;

/// <summary>A live rule using a text-bank signal: the action arrives signed, the spot test explains it, and the item's page data shows the trace.</summary>
[Trait("Category", "Integration")]
public sealed class RuleSignalsEndToEndTests
{
    [Fact]
    public async Task A_bank_signal_rule_fires_and_is_explained_by_the_spot_test_and_the_item_results()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite, new()
        {
            ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Webhooks:PollInterval"] = "00:00:00.250",
        });
        receiver.PublicKeyPem = await fixture.App.Services.GetRequiredService<IWebhookSigner>().GetPublicKeyPemAsync(fixture.OrganizationId);
        await fixture.AddActionAsync("remove", "Remove", receiver.UrlFor("/hooks/remove").ToString());
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "lead@acme.test", DefaultRoles.RulesManager);
        var bank = await fixture.App.AsUserAsync("lead@acme.test", s => s.SendAsync<CreateTextBankCommand, TextBankSummary>(
            new CreateTextBankCommand("Scam words", null, TextBankKind.Strings, ["free crypto", "wire transfer", "gift card"])));
        var condition = new LeafCondition(ConditionInput.AllText, Comparator.Equals, [], Signal: new SignalCall("text.contains", BankIds: [bank.Id]));
        var ruleId = await RuleEngineTests.AddRuleAsync(fixture, "Scams", RuleStatus.Live, condition, ["remove"], []);

        using (var submit = await fixture.Client.PostAsync("/api/v1/items/async/",
                   """{ "items": [ { "id": "s1", "typeId": "post", "data": { "text": "Send a GIFT CARD now" } }, { "id": "s2", "typeId": "post", "data": { "text": "nice cat" } } ] }"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        }

        var delivered = Assert.Single(await receiver.WaitForAsync(1));
        Assert.True(delivered.SignatureValid);
        var body = JsonNode.Parse(delivered.Body)!;
        Assert.Equal("s1", (string)body["item"]!["id"]!);
        Assert.Equal(ruleId, (string)body["rules"]![0]!["id"]!);

        var spot = await fixture.App.Services.GetRequiredService<IRuleSpotTester>().TestAsync(
            fixture.OrganizationId, "post", new JsonObject { ["text"] = "cheap free crypto here" }, null, null, TestContext.Current.CancellationToken);
        Assert.Empty(spot.DataErrors);
        var result = Assert.Single(spot.Results);
        Assert.True(result.Passed);
        Assert.Equal("free crypto", result.Trace.MatchedValue);
        var invalid = await fixture.App.Services.GetRequiredService<IRuleSpotTester>().TestAsync(
            fixture.OrganizationId, "post", new JsonObject { ["score"] = "x" }, null, null, TestContext.Current.CancellationToken);
        Assert.NotEmpty(invalid.DataErrors);
        Assert.Empty(invalid.Results);

        await fixture.WaitUntilAsync(async db => await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.CountAsync(db.RuleEvaluations) == 2);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "analyst@acme.test", DefaultRoles.Analyst);
        var history = await fixture.App.AsUserAsync("analyst@acme.test", s => s.AskAsync<GetItemRuleResultsQuery, IReadOnlyList<ItemRuleEvaluation>>(
            new GetItemRuleResultsQuery("post", "s2")));
        var row = Assert.Single(Assert.Single(history).Results);
        Assert.False(row.Result.Passed);
        Assert.Equal(ConditionEvaluator.Serialize(condition), ConditionEvaluator.Serialize(row.Condition!));
        Assert.Equal(ConditionOutcome.Failed, row.Result.Trace.Outcome);
    }
}
