using System.Net;
using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Conditions;
using Coop.Domain.Moderation;
using Coop.Domain.Rules;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Web.Features.Rules.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Rules;

/// <summary>Proactive rules on ingested items, end to end: evaluation records, signed callbacks, background rules, limits, enqueue, legacy sync.</summary>
[Trait("Category", "Integration")]
public sealed class RuleEngineTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static readonly Dictionary<string, string?> FastWebhooks = new()
    {
        ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8",
        ["Webhooks:BackoffBase"] = "00:00:00.100",
        ["Webhooks:PollInterval"] = "00:00:00.250",
    };

    private static readonly Condition SpamText = new ConditionSet(Conjunction.And,
    [
        new LeafCondition(ConditionInput.ItemField, Comparator.Contains, ["buy now"], "text"),
        new ConditionSet(Conjunction.Not, [new LeafCondition(ConditionInput.Author, Comparator.Equals, ["trusted"])]),
    ]);

    private static DateTime Now => TimeProvider.System.GetUtcNow().UtcDateTime;

    internal static async Task<string> AddRuleAsync(
        ApiFixture fixture, string name, RuleStatus status, Condition condition, string[] actionIds, string[] policyIds,
        string? queueId = null, int? maxDaily = null, string parameters = "{}")
    {
        await using var db = await fixture.ContextAsync();
        var rule = Rule.Create(fixture.OrganizationId, null, Now);
        rule.Define(new RuleDefinition(name, null, status, ["post"], ConditionEvaluator.Serialize(condition), actionIds, parameters, policyIds, queueId, [],
            maxDaily, null), Now);
        db.Rules.Add(rule);
        db.RuleVersions.Add(RuleVersion.Capture(rule, null, Now));
        await db.SaveChangesAsync();
        fixture.App.Services.GetRequiredService<RuleCatalog>().Invalidate(fixture.OrganizationId);
        return rule.Id;
    }

    private static async Task SubmitAsync(ApiFixture fixture, params (string Id, string Text, string Author)[] posts)
    {
        var items = new JsonArray([.. posts.Select(p => (JsonNode)new JsonObject
        {
            ["id"] = p.Id, ["typeId"] = "post",
            ["data"] = new JsonObject { ["text"] = p.Text, ["author"] = new JsonObject { ["id"] = p.Author, ["typeId"] = "user" } },
        })]);
        using var response = await fixture.Client.PostAsync("/api/v1/items/async/", new JsonObject { ["items"] = items }.ToJsonString());
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_live_rule_fires_its_actions_signed_naming_every_passing_rule_and_a_background_rule_only_records(DatabaseProvider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fixture = await ApiFixture.StartAsync(provider, FastWebhooks);
        receiver.PublicKeyPem = await fixture.App.Services.GetRequiredService<IWebhookSigner>().GetPublicKeyPemAsync(fixture.OrganizationId);
        await fixture.AddActionAsync("remove", "Remove", receiver.UrlFor("/hooks/remove").ToString());
        await fixture.AddPolicyAsync("spam", "Spam");
        var live = await AddRuleAsync(fixture, "Spam links", RuleStatus.Live, SpamText, ["remove"], ["spam"]);
        var alsoLive = await AddRuleAsync(fixture, "Shouting", RuleStatus.Live,
            new LeafCondition(ConditionInput.AllText, Comparator.MatchesRegex, ["!{3}$"]), ["remove"], []);
        var background = await AddRuleAsync(fixture, "Watch buy", RuleStatus.Background,
            new LeafCondition(ConditionInput.ItemField, Comparator.Contains, ["buy"], "text"), ["remove"], ["spam"]);
        var draft = await AddRuleAsync(fixture, "Draft", RuleStatus.Draft, new ConditionSet(Conjunction.And, []), ["remove"], []);

        await SubmitAsync(fixture, ("p1", "BUY NOW!!!", "u1"), ("p2", "hello", "u1"), ("p3", "buy now please", "trusted"), ("p4", "buy now", "u2"));

        var delivered = await receiver.WaitForAsync(2);
        await fixture.WaitUntilAsync(async db => await db.RuleEvaluations.CountAsync() == 4);
        Assert.All(delivered, d => Assert.True(d.SignatureValid));
        var bodies = delivered.Select(d => JsonNode.Parse(d.Body)!.AsObject()).OrderBy(b => (string)b["item"]!["id"]!).ToList();
        Assert.Equal(["p1", "p4"], bodies.Select(b => (string)b["item"]!["id"]!));

        // p1 passed both live rules: one callback, both rules named, the spam policy from the first.
        Assert.Equal(new[] { alsoLive, live }.Order(), bodies[0]["rules"]!.AsArray().Select(r => (string)r!["id"]!).Order());
        Assert.Equal("""[{"id":"spam","name":"Spam","penalty":"MEDIUM"}]""", bodies[0]["policies"]!.ToJsonString());
        Assert.Equal([live], bodies[1]["rules"]!.AsArray().Select(r => (string)r!["id"]!));

        await using var db = await fixture.ContextAsync();
        var evaluations = await db.RuleEvaluations.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        var p3 = RuleResult.Deserialize(evaluations.Single(e => e.ItemId == "p3").ResultsJson);
        Assert.DoesNotContain(p3, r => r.RuleId == draft);
        var p3Live = p3.Single(r => r.RuleId == live);
        Assert.False(p3Live.Passed);
        Assert.Equal(ConditionOutcome.Failed, p3Live.Trace.Outcome);
        Assert.Equal(ConditionOutcome.Passed, p3Live.Trace.Children![0].Outcome);
        Assert.Equal(ConditionOutcome.Failed, p3Live.Trace.Children![1].Outcome);
        var p3Background = p3.Single(r => r.RuleId == background);
        Assert.True(p3Background.Passed);
        Assert.False(p3Background.Acted);

        var matches = await db.RuleMatches.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["p1", "p3", "p4"], matches.Where(m => m.RuleId == background).Select(m => m.ItemId).Order());
        Assert.All(matches.Where(m => m.RuleId == background), m => Assert.False(m.Acted));
        var stats = await db.RuleDailyStats.AsNoTracking().ToDictionaryAsync(s => s.RuleId, TestContext.Current.CancellationToken);
        Assert.Equal((4L, 2L, 2L), (stats[live].Evaluations, stats[live].Matches, stats[live].Actions));
        Assert.Equal((4L, 3L, 0L), (stats[background].Evaluations, stats[background].Matches, stats[background].Actions));
        Assert.False(stats.ContainsKey(draft));
        var executions = await db.ActionExecutions.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(2, executions.Count);
        Assert.All(executions, e => Assert.Equal(ActionExecutionSource.Rule, e.Source));
    }

    [Fact]
    public async Task A_daily_limit_stops_acting_but_not_recording_and_a_rule_can_enqueue_for_review()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite, FastWebhooks);
        await fixture.AddActionAsync("remove", "Remove");
        var limited = await AddRuleAsync(fixture, "Limited", RuleStatus.Live, SpamText, ["remove"], [], maxDaily: 1);
        string queueId;
        await using (var db = await fixture.ContextAsync())
        {
            var queue = ReviewQueue.Create(fixture.OrganizationId, "Rule hits", null, QueueKind.Standard, QueueOrdering.Age, false, Now);
            db.ReviewQueues.Add(queue);
            await db.SaveChangesAsync();
            queueId = queue.Id;
        }

        var enqueue = await AddRuleAsync(fixture, "Review it", RuleStatus.Live, SpamText, [], [], queueId);
        await SubmitAsync(fixture, ("p1", "buy now", "u1"));
        await fixture.WaitUntilAsync(db => db.RuleEvaluations.AnyAsync(e => e.ItemId == "p1"));
        await SubmitAsync(fixture, ("p2", "buy now", "u1"), ("p1", "buy now again", "u1"));
        await fixture.WaitUntilAsync(async db => await db.RuleEvaluations.CountAsync() == 3);

        await using var check = await fixture.ContextAsync();
        var matches = await check.RuleMatches.AsNoTracking().Where(m => m.RuleId == limited).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, matches.Count);
        Assert.Equal(1, matches.Count(m => m.Acted));
        Assert.Equal(1, await check.ActionExecutions.CountAsync(TestContext.Current.CancellationToken));

        // Enqueue: one open job per item in the rule's queue, joined by the item's second version.
        var jobs = await check.ReviewJobs.AsNoTracking().Where(j => j.QueueId == queueId).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["p1", "p2"], jobs.Select(j => j.ItemId).Order());
        Assert.All(jobs, j => Assert.Equal(JobSource.RuleExecution, j.Source));
        Assert.Equal(3, await check.RuleMatches.CountAsync(m => m.RuleId == enqueue && m.Acted, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_enqueue_to_review_action_routes_the_item_and_the_legacy_sync_content_route_reports_the_actions_triggered()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite, FastWebhooks);
        await fixture.AddActionAsync("remove", "Remove");
        string enqueueId;
        await using (var db = await fixture.ContextAsync())
        {
            enqueueId = await db.Actions.Where(a => a.OrganizationId == fixture.OrganizationId && a.ActionType == ActionType.EnqueueToMrt)
                .Select(a => a.Id).SingleAsync(TestContext.Current.CancellationToken);
        }

        await AddRuleAsync(fixture, "Spam", RuleStatus.Live, SpamText, ["remove", enqueueId], []);
        using var response = await fixture.Client.PostAsync("/api/v1/content/",
            """{ "contentId": "c1", "contentType": "Post", "content": { "text": "buy now" }, "userId": "u5", "sync": true }""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        Assert.Equal(["Enqueue Item to Manual Review", "Remove"], body["actionsTriggered"]!.AsArray().Select(a => (string)a!["name"]!).Order());
        await using var check = await fixture.ContextAsync();
        var job = await check.ReviewJobs.AsNoTracking().SingleAsync(j => j.ItemId == "c1", TestContext.Current.CancellationToken);
        Assert.Equal(JobSource.RuleExecution, job.Source);
    }
}
