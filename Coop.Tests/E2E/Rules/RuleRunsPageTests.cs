using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Conditions;
using Coop.Domain.Items;
using Coop.Domain.Rules;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Rules;

/// <summary>A rules manager backtests a rule and then runs it retroactively, watching both finish live.</summary>
[Trait("Category", "E2E")]
public sealed class RuleRunsPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_backtest_shows_matches_and_samples_and_a_confirmed_retroaction_acts_on_them()
    {
        await using var session = await ConsoleSession.StartAsync(browser, DefaultRoles.RulesManager);
        await ItemTypeBuilder.CreateAsync(session.App, session.OrganizationId, "post", "Post", ApiFixture.PostSchema);
        var client = await PlatformClient.CreateAsync(session.App, session.OrganizationId);
        var items = new JsonArray([.. Enumerable.Range(0, 9).Select(i => (JsonNode)new JsonObject
        {
            ["id"] = $"p{i}", ["typeId"] = "post", ["data"] = new JsonObject { ["text"] = i % 3 == 0 ? $"casino {i}" : $"hello {i}" },
        })]);
        using (var response = await client.PostAsync("/api/v1/items/async/", new JsonObject { ["items"] = items }.ToJsonString()))
        {
            response.EnsureSuccessStatusCode();
        }

        var factory = session.App.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        string ruleId;
        await using (var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var enqueue = await db.Actions.Where(a => a.OrganizationId == session.OrganizationId && a.ActionType == ActionType.EnqueueToMrt)
                .Select(a => a.Id).SingleAsync(TestContext.Current.CancellationToken);
            var rule = Rule.Create(session.OrganizationId, null, now);
            rule.Define(new RuleDefinition("Casino", null, RuleStatus.Live, ["post"],
                ConditionEvaluator.Serialize(new LeafCondition(ConditionInput.AllText, Comparator.Contains, ["casino"])), [enqueue], "{}", [], null, [], null, null), now);
            db.Rules.Add(rule);
            db.RuleVersions.Add(RuleVersion.Capture(rule, null, now));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
            ruleId = rule.Id;
        }

        for (var i = 0; i < 100 && !await ProcessedAsync(factory, 9); i++)
        {
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        var page = session.Console.Page;
        await session.Console.GotoAsync($"/rules/{ruleId}/runs");
        await session.Console.WaitForShellAsync();
        await Assertions.Expect(page.GetByTestId("runs-empty")).ToBeVisibleAsync();
        await page.GetByTestId("run-backtest").ClickAsync();
        var run = page.GetByTestId("rule-run").First;
        await Assertions.Expect(run.GetByTestId("run-status")).ToHaveTextAsync("Completed");
        await Assertions.Expect(run.GetByTestId("run-counts")).ToContainTextAsync("3 of 9 evaluated matched");
        await Assertions.Expect(run.GetByTestId("run-samples")).ToContainTextAsync("p3");
        await session.Console.ScreenshotAsync("rule-backtest");

        await page.GetByTestId("run-retroaction").ClickAsync();
        await page.Locator(".mud-dialog").GetByRole(AriaRole.Button, new() { Name = "Run retroactively", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("rule-run")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("rule-run").First.GetByTestId("run-counts")).ToContainTextAsync("3 actioned");
        await session.Console.ScreenshotAsync("rule-retroaction");

        await using var check = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(["p0", "p3", "p6"], (await check.ReviewJobs.Select(j => j.ItemId).ToListAsync(TestContext.Current.CancellationToken)).Order());
    }

    private static async Task<bool> ProcessedAsync(IDbContextFactory<CoopDbContext> factory, int count)
    {
        await using var db = await factory.CreateDbContextAsync();
        return await db.Set<ItemSubmission>().CountAsync(s => s.ProcessedAt != null) == count;
    }
}
