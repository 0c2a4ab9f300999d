using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Integration.Users;
using Coop.Tests.Support;
using Coop.Tests.Support.Pages;
using Coop.Web.Features.Review.Decisions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Users;

/// <summary>
/// A reviewer opens the author's full history from a job, pages through their items, and sees a colleague's decision
/// and the strike it adds arrive on the page without reloading it.
/// </summary>
[Trait("Category", "E2E")]
public sealed class UserHistoryPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_authors_history_opens_from_a_job_pages_with_load_more_and_shows_a_new_decision_and_strike_live()
    {
        await using var app = new CoopAppFactory();
        var baseAddress = app.StartOnRealPort();
        var org = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        var viewer = await OrganizationBuilder.AddUserAsync(app, org, "ana@acme.test", DefaultRoles.Moderator);
        await OrganizationBuilder.AddUserAsync(app, org, "ben@acme.test", DefaultRoles.Moderator);
        await ItemTypeBuilder.CreateAsync(app, org, "post", "Post", ApiFixture.PostSchema);
        await ItemTypeBuilder.CreateAsync(app, org, "user", "Member", ItemTypeBuilder.Fields("USER", ("name", "STRING", false)));
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        ReviewJob viewerJob, colleagueJob;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var queue = ReviewQueue.Create(org, "History reports", null, QueueKind.Standard, QueueOrdering.Age, false, now);
            db.Add(queue);
            db.Policies.Add(Policy.Create(org, "scam", new PolicyDetails("Scam", null, null, null, Penalty.High, 2, false), now));
            db.Actions.Add(ActionDefinition.CreateCustom(org, "remove", new ActionDefinitionDetails(
                "Remove", null, [], "http://127.0.0.1:9/remove", [], null, ApplyUserStrikes: true), now));
            var seed = new UserHistorySeed(db, org);
            seed.Item("user", "u1", now.AddDays(-3), displayName: "Gift Card <b>Gary</b>");
            for (var i = 0; i < 30; i++)
            {
                seed.Item("post", $"p{i:D2}", now.AddHours(-30 + i), UserHistorySeed.U1, $"cheap cards #{i}");
            }

            await seed.SaveAsync();
            viewerJob = ReviewJob.Open(org, queue.Id, "post", "p00", JobSource.Report, now);
            colleagueJob = ReviewJob.Open(org, queue.Id, "post", "p01", JobSource.Report, now);
            db.AddRange(viewerJob, colleagueJob);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        await console.GotoAsync("/account/login");
        await console.SignInAsync("ana@acme.test", OrganizationBuilder.Password);
        await console.WaitForShellAsync();
        var page = console.Page;

        // From the job view's author panel to the full history.
        await console.GotoAsync($"/review/jobs/{viewerJob.Id}");
        await console.WaitForShellAsync();
        await page.GetByTestId("user-context-history").ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-history-name")).ToHaveTextAsync("Gift Card <b>Gary</b>");
        Assert.Equal("/users/user/u1", console.Path);
        await Assertions.Expect(page.GetByTestId("user-history-count-Items")).ToContainTextAsync("30");

        // Items: 25, then the last 5 with "Load more", newest first.
        var items = page.GetByTestId("user-history-list-Items").GetByTestId("user-history-entry");
        await Assertions.Expect(items).ToHaveCountAsync(25);
        await Assertions.Expect(items.First).ToHaveAttributeAsync("data-id", "post/p29");
        await page.GetByTestId("user-history-load-more").ClickAsync();
        await Assertions.Expect(items).ToHaveCountAsync(30);
        await Assertions.Expect(items.Last).ToHaveAttributeAsync("data-id", "post/p00");
        await Assertions.Expect(page.GetByTestId("user-history-load-more")).ToHaveCountAsync(0);
        await console.ScreenshotAsync("user-history-items");

        // A colleague decides on another of the author's items: the decision and its strike appear here without a reload.
        await page.GetByRole(AriaRole.Tab, new() { Name = "Decisions (0)" }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("user-history-list-Decisions").GetByTestId("user-history-empty")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("user-history-strikes")).ToContainTextAsync("0 active strikes");
        await DecideAsync(app, "ben@acme.test", colleagueJob.Id);
        var decisions = page.GetByTestId("user-history-list-Decisions").GetByTestId("user-history-entry");
        await Assertions.Expect(decisions).ToHaveCountAsync(1);
        await Assertions.Expect(decisions.First).ToContainTextAsync("Actioned in History reports");
        await Assertions.Expect(decisions.First).ToContainTextAsync("Remove · under Scam · by ben@acme.test");
        await Assertions.Expect(page.GetByTestId("user-history-strikes")).ToContainTextAsync("2 active strikes");
        await console.ScreenshotAsync("user-history-live-decision");

        await page.GetByRole(AriaRole.Tab, new() { Name = "Strikes (1)" }).ClickAsync();
        var strike = page.GetByTestId("user-history-list-Strikes").GetByTestId("user-history-entry");
        await Assertions.Expect(strike).ToContainTextAsync("+2 under Scam");
        await Assertions.Expect(strike.GetByTestId("user-history-strike-state")).ToHaveTextAsync("active");

        // The viewer's own decision shows up too (the page stays subscribed while the tab changes).
        await DecideAsync(app, "ana@acme.test", viewerJob.Id, viewer);
        await Assertions.Expect(strike).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("user-history-strikes")).ToContainTextAsync("4 active strikes");
        await console.ScreenshotAsync("user-history-strikes");
    }

    private static async Task DecideAsync(CoopAppFactory app, string email, string jobId, string? userId = null)
    {
        userId ??= await app.WithScopeAsync(async s =>
            (await s.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<Coop.Infrastructure.Identity.CoopUser>>().FindByEmailAsync(email))!.Id);
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync())
        {
            var until = TimeProvider.System.GetUtcNow().UtcDateTime.AddMinutes(10);
            await db.ReviewJobs.Where(j => j.Id == jobId).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.ClaimedByUserId, userId).SetProperty(j => j.ClaimExpiresAt, until));
        }

        await app.AsUserAsync(email, s => s.SendAsync<SubmitDecisionCommand, DecisionOutcome>(
            new SubmitDecisionCommand(jobId, DecisionKind.Action, [new DecisionActionInput("remove")], ["scam"])));
    }
}
