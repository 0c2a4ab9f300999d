using System.Text.Json.Nodes;
using Coop.Domain.Authorization;
using Coop.Domain.Conditions;
using Coop.Domain.Rules;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Web.Application;
using Coop.Web.Features.Rules.Backtests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Rules;

/// <summary>Backtests and retroactions over stored items, end to end through the use cases and the background worker.</summary>
[Trait("Category", "Integration")]
public sealed class RuleRunTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static readonly Dictionary<string, string?> FastWebhooks = new()
    {
        ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8",
        ["Webhooks:BackoffBase"] = "00:00:00.100",
        ["Webhooks:PollInterval"] = "00:00:00.250",
    };

    private static readonly Condition BuyNow = new LeafCondition(ConditionInput.ItemField, Comparator.Contains, ["buy now"], "text");

    private static DateTime Now => TimeProvider.System.GetUtcNow().UtcDateTime;

    private static async Task SeedAsync(ApiFixture fixture)
    {
        // 30 posts, every third one spam; p0 is sent twice (two versions), so retroaction must act on it once.
        var items = new JsonArray([.. Enumerable.Range(0, 30).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = $"p{i}", ["typeId"] = "post", ["data"] = new JsonObject { ["text"] = i % 3 == 0 ? $"buy now {i}" : $"hello {i}" },
        })]);
        items.Add(new JsonObject { ["id"] = "p0", ["typeId"] = "post", ["data"] = new JsonObject { ["text"] = "buy now, again" } });
        using var response = await fixture.Client.PostAsync("/api/v1/items/async/", new JsonObject { ["items"] = items }.ToJsonString());
        response.EnsureSuccessStatusCode();
        await fixture.WaitUntilAsync(async db => await db.Set<Coop.Domain.Items.ItemSubmission>().CountAsync(s => s.ProcessedAt != null) == 31);
    }

    private static async Task<RuleRun> FinishedAsync(ApiFixture fixture, string runId)
    {
        await fixture.WaitUntilAsync(db => db.RuleRuns.AnyAsync(r => r.Id == runId && r.Status != RuleRunStatus.Running), TimeSpan.FromSeconds(60));
        await using var db = await fixture.ContextAsync();
        return await db.RuleRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_backtest_counts_and_samples_matches_without_acting(DatabaseProvider provider)
    {
        await using var fixture = await ApiFixture.StartAsync(provider, FastWebhooks);
        await fixture.AddActionAsync("remove", "Remove");
        await SeedAsync(fixture);
        var ruleId = await RuleEngineTests.AddRuleAsync(fixture, "Draft spam", RuleStatus.Draft, BuyNow, ["remove"], []);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "analyst@acme.test", DefaultRoles.Analyst);

        var started = await fixture.App.AsUserAsync("analyst@acme.test", s => s.SendAsync<StartBacktestCommand, RuleRunView>(
            new StartBacktestCommand(ruleId, Now.AddHours(-1), Now.AddMinutes(1), Limit: 1000)));
        var run = await FinishedAsync(fixture, started.Id);

        Assert.Equal((RuleRunStatus.Completed, 31, 11, 0), (run.Status, run.Evaluated, run.Matched, run.Acted));
        Assert.Equal(11, run.Samples.Count);
        Assert.Contains(run.Samples, s => s.ItemId == "p3");
        await using var db = await fixture.ContextAsync();
        Assert.Equal(0, await db.ActionExecutions.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(11, await db.RuleMatches.CountAsync(m => m.RuleId == ruleId && m.Environment == RuleEnvironment.Backtest, TestContext.Current.CancellationToken));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "rule.backtest-started" && a.TargetId == ruleId, TestContext.Current.CancellationToken));

        // A limit stops early; an analyst may not run a retroaction.
        var limited = await fixture.App.AsUserAsync("analyst@acme.test", s => s.SendAsync<StartBacktestCommand, RuleRunView>(
            new StartBacktestCommand(ruleId, Now.AddHours(-1), Now.AddMinutes(1), Limit: 5)));
        Assert.Equal(5, (await FinishedAsync(fixture, limited.Id)).Evaluated);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => fixture.App.AsUserAsync("analyst@acme.test", s => s.SendAsync<StartRetroactionCommand, RuleRunView>(
            new StartRetroactionCommand(ruleId, Now.AddHours(-1), Now))));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_retroaction_acts_once_per_matching_item_with_signed_callbacks(DatabaseProvider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fixture = await ApiFixture.StartAsync(provider, FastWebhooks);
        receiver.PublicKeyPem = await fixture.App.Services.GetRequiredService<IWebhookSigner>().GetPublicKeyPemAsync(fixture.OrganizationId);
        await fixture.AddActionAsync("remove", "Remove", receiver.UrlFor("/hooks/remove").ToString());
        await SeedAsync(fixture);
        var ruleId = await RuleEngineTests.AddRuleAsync(fixture, "Spam", RuleStatus.Live, BuyNow, ["remove"], []);
        var draft = await RuleEngineTests.AddRuleAsync(fixture, "Not live", RuleStatus.Draft, BuyNow, ["remove"], []);
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "lead@acme.test", DefaultRoles.RulesManager);

        var refused = await Assert.ThrowsAsync<ValidationFailedException>(() => fixture.App.AsUserAsync("lead@acme.test", s => s.SendAsync<StartRetroactionCommand, RuleRunView>(
            new StartRetroactionCommand(draft, Now.AddHours(-1), Now.AddMinutes(1)))));
        Assert.Contains("ruleId", refused.Errors.Keys);

        var started = await fixture.App.AsUserAsync("lead@acme.test", s => s.SendAsync<StartRetroactionCommand, RuleRunView>(
            new StartRetroactionCommand(ruleId, Now.AddHours(-1), Now.AddMinutes(1))));
        var run = await FinishedAsync(fixture, started.Id);

        Assert.Equal((RuleRunStatus.Completed, 31, 11, 10), (run.Status, run.Evaluated, run.Matched, run.Acted));
        var delivered = await receiver.WaitForAsync(10);
        Assert.All(delivered, d => Assert.True(d.SignatureValid));
        var items = delivered.Select(d => (string)JsonNode.Parse(d.Body)!["item"]!["id"]!).ToList();
        Assert.Equal(10, items.Distinct().Count());
        Assert.Equal([ruleId], delivered.Select(d => (string)JsonNode.Parse(d.Body)!["rules"]![0]!["id"]!).Distinct());
        await Task.Delay(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);
        Assert.Equal(10, receiver.Requests.Count);
        await using var db = await fixture.ContextAsync();
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "rule.retroaction-started" && a.TargetId == ruleId, TestContext.Current.CancellationToken));
    }
}
