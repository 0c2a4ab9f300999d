using System.Net;
using Coop.Domain.Authorization;
using Coop.Domain.Conditions;
using Coop.Domain.Moderation;
using Coop.Domain.Reports;
using Coop.Domain.Rules.TextBanks;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Review.Queues;
using Coop.Web.Features.Review.Routing;
using Coop.Web.Features.Rules.TextBanks;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Integration.Review;

/// <summary>Routing rules share the rules' condition model: they read the reported item and use signals such as text banks.</summary>
[Trait("Category", "Integration")]
public sealed class RoutingWithSignalsTests
{
    [Fact]
    public async Task A_routing_rule_with_a_text_bank_signal_over_the_items_text_routes_reports_and_unknown_signals_are_refused()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        var admin = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);
        var threats = await fixture.App.AsUserAsync(admin, s => s.SendAsync<SaveQueueCommand, QueueForm>(
            new SaveQueueCommand(null, "Threats", null, QueueKind.Standard, QueueOrdering.Age, false, [], [], [])));
        var bank = await fixture.App.AsUserAsync(admin, s => s.SendAsync<CreateTextBankCommand, TextBankSummary>(
            new CreateTextBankCommand("Threat words", null, TextBankKind.Strings, ["kill you", "hurt you"])));

        var unknown = await Assert.ThrowsAsync<ValidationFailedException>(() => fixture.App.AsUserAsync(admin, s => s.SendAsync<SaveRoutingRuleCommand, RoutingRuleView>(
            new SaveRoutingRuleCommand(null, "Broken", null, QueueKind.Standard,
                new ConditionSet(Conjunction.And, [new LeafCondition(ConditionInput.AllText, Comparator.Equals, [], Signal: new SignalCall("no.such-signal"))]), threats.Id))));
        var (key, messages) = Assert.Single(unknown.Errors);
        Assert.StartsWith("Condition/0", key, StringComparison.Ordinal);
        Assert.Contains("no.such-signal", string.Join(" ", messages), StringComparison.Ordinal);

        // The report's reason says nothing; only the reported item's text (read through the text bank) decides.
        await fixture.App.AsUserAsync(admin, s => s.SendAsync<SaveRoutingRuleCommand, RoutingRuleView>(new SaveRoutingRuleCommand(null, "Threatening text", null, QueueKind.Standard,
            new ConditionSet(Conjunction.And, [new LeafCondition(ConditionInput.AllText, Comparator.Equals, [], Signal: new SignalCall("text.contains", BankIds: [bank.Id]))]),
            threats.Id)));

        await ReportAsync(fixture, "p1", "I will KILL YOU tomorrow", expectedRouted: 1);
        await ReportAsync(fixture, "p2", "what a lovely cat", expectedRouted: 2);

        await using var db = await fixture.ContextAsync();
        var queueOf = await db.ReviewJobs.Join(db.ReviewQueues, j => j.QueueId, q => q.Id, (j, q) => new { j.ItemId, q.Name })
            .ToDictionaryAsync(x => x.ItemId, x => x.Name, TestContext.Current.CancellationToken);
        Assert.Equal("Threats", queueOf["p1"]);
        Assert.Equal(DefaultQueues.ReportsName, queueOf["p2"]);
    }

    private static async Task ReportAsync(ApiFixture fixture, string itemId, string text, int expectedRouted)
    {
        using var response = await fixture.Client.PostAsync("/api/v1/report", $$"""
            { "reporter": { "kind": "user", "id": "u1", "typeId": "user" }, "reportedAt": "2026-11-24T10:00:00Z",
              "reportedForReason": { "reason": "please look" },
              "reportedItem": { "id": "{{itemId}}", "typeId": "post", "data": { "text": "{{text}}" } } }
            """);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        await fixture.WaitUntilAsync(async db => await db.Set<Report>().CountAsync(r => r.JobId != null) >= expectedRouted);
    }
}
