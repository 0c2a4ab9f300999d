using System.Net;
using Coop.Domain.Authorization;
using Coop.Domain.Conditions;
using Coop.Domain.Moderation;
using Coop.Domain.Reports;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Review.Queues;
using Coop.Web.Features.Review.Routing;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Integration.Review;

[Trait("Category", "Integration")]
public sealed class RoutingRuleTests
{
    [Fact]
    public async Task The_first_matching_rule_routes_a_report_rules_can_be_reordered_and_bad_rules_are_refused()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        var admin = OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);
        var threats = await fixture.App.AsUserAsync(admin, s => s.SendAsync<SaveQueueCommand, QueueForm>(
            new SaveQueueCommand(null, "Threats", null, QueueKind.Standard, QueueOrdering.Age, false, [], [], [])));
        var highScore = await fixture.App.AsUserAsync(admin, s => s.SendAsync<SaveQueueCommand, QueueForm>(
            new SaveQueueCommand(null, "Viral", null, QueueKind.Standard, QueueOrdering.Age, false, [], [], [])));

        var bad = await Assert.ThrowsAsync<ValidationFailedException>(() => fixture.App.AsUserAsync(admin, s => s.SendAsync<SaveRoutingRuleCommand, RoutingRuleView>(
            new SaveRoutingRuleCommand(null, "Broken", null, QueueKind.Standard,
                new ConditionSet(Conjunction.And, [new LeafCondition(ConditionInput.ReportReason, Comparator.MatchesRegex, ["(threat"])]), threats.Id))));
        Assert.Equal(["Condition/0"], bad.Errors.Keys);

        var viral = await fixture.App.AsUserAsync(admin, s => s.SendAsync<SaveRoutingRuleCommand, RoutingRuleView>(new SaveRoutingRuleCommand(null, "Viral posts", null, QueueKind.Standard,
            new ConditionSet(Conjunction.And, [new LeafCondition(ConditionInput.ItemField, Comparator.GreaterOrEqual, ["100"], "score")]), highScore.Id)));
        var threat = await fixture.App.AsUserAsync(admin, s => s.SendAsync<SaveRoutingRuleCommand, RoutingRuleView>(new SaveRoutingRuleCommand(null, "Threats", null, QueueKind.Standard,
            new ConditionSet(Conjunction.Or, [new LeafCondition(ConditionInput.ReportReason, Comparator.MatchesRegex, ["threat|kill"])]), threats.Id)));
        Assert.Equal((0, 1), (viral.Position, threat.Position));

        await ReportAsync(fixture, "p1", 150, "he made a threat");
        await ReportAsync(fixture, "p2", 3, "a THREAT again");
        await ReportAsync(fixture, "p3", 3, "just spam");
        Assert.True(await fixture.App.AsUserAsync(admin, s => s.SendAsync<MoveRoutingRuleCommand, bool>(new MoveRoutingRuleCommand(threat.Id, Up: true))));
        await ReportAsync(fixture, "p4", 500, "death threat");

        await fixture.WaitUntilAsync(async db => await db.Set<Report>().CountAsync(r => r.JobId != null) >= 4);
        await using var db = await fixture.ContextAsync();
        var queueOf = await db.ReviewJobs.Join(db.ReviewQueues, j => j.QueueId, q => q.Id, (j, q) => new { j.ItemId, q.Name })
            .ToDictionaryAsync(x => x.ItemId, x => x.Name, TestContext.Current.CancellationToken);
        Assert.Equal("Viral", queueOf["p1"]);
        Assert.Equal("Threats", queueOf["p2"]);
        Assert.Equal(DefaultQueues.ReportsName, queueOf["p3"]);
        Assert.Equal("Threats", queueOf["p4"]);
        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => fixture.App.AsUserAsync(admin, s => s.SendAsync<DeleteQueueCommand, bool>(new DeleteQueueCommand(highScore.Id))));
        Assert.Contains("Viral posts", refused.Message, StringComparison.Ordinal);
    }

    private static async Task ReportAsync(ApiFixture fixture, string itemId, int score, string reason)
    {
        using var response = await fixture.Client.PostAsync("/api/v1/report", $$"""
            { "reporter": { "kind": "user", "id": "u1", "typeId": "user" }, "reportedAt": "2026-11-24T10:00:00Z",
              "reportedForReason": { "reason": "{{reason}}" },
              "reportedItem": { "id": "{{itemId}}", "typeId": "post", "data": { "text": "hello", "score": {{score}} } } }
            """);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var routed = int.Parse(itemId[1..], System.Globalization.CultureInfo.InvariantCulture);
        await fixture.WaitUntilAsync(async db => await db.Set<Report>().CountAsync(r => r.JobId != null) >= routed);
    }
}
