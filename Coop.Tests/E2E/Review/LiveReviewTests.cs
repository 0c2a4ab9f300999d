using System.Net;
using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Domain.Reports;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Tests.Support.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Review;

/// <summary>
/// Issue 4's "done when": reports become jobs, one moderator works three of them by keyboard alone while a second
/// watches the queue figures and the recent decisions change without reloading, and the action arrives signed.
/// </summary>
[Trait("Category", "E2E")]
public sealed class LiveReviewTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_moderator_works_three_jobs_by_keyboard_while_a_colleague_sees_it_live_and_the_platform_receives_the_action()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = WebhookTestApp.Create();
        var baseAddress = app.App.StartOnRealPort();
        var org = await OrganizationBuilder.CreateAsync(app.App, "Acme", DefaultRoles.Moderator, DefaultRoles.ModeratorManager);
        receiver.PublicKeyPem = await app.PublicKeyAsync(org);
        await ItemTypeBuilder.CreateAsync(app.App, org, "post", "Post", """
            { "kind": "CONTENT", "fields": [
                { "name": "text", "type": "STRING", "required": true },
                { "name": "photo", "type": "IMAGE", "required": false } ] }
            """);
        await using (var db = await app.Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.Actions.Add(ActionDefinition.CreateCustom(org, "remove", new ActionDefinitionDetails(
                "Remove post", null, ["post"], receiver.UrlFor("/hooks/remove").ToString(), [], null, false), TimeProvider.System.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using var platform = await PlatformClient.CreateAsync(app.App, org);
        var photo = new Uri(baseAddress, "favicon.svg");
        foreach (var (id, text) in new[] { ("p1", "first post"), ("p2", "<b>buy</b> followers <script>alert(1)</script>"), ("p3", "third post") })
        {
            using var response = await platform.PostAsync("/api/v1/report", $$"""
                { "reporter": { "kind": "user", "id": "r-{{id}}", "typeId": "post" }, "reportedAt": "2026-11-24T10:00:00Z",
                  "reportedForReason": { "reason": "spam please look" },
                  "reportedItem": { "id": "{{id}}", "typeId": "post", "data": { "text": {{JsonValue.Create(text).ToJsonString()}}, "photo": "{{photo}}" } } }
                """);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        await WaitForJobsAsync(app, 3);
        await using var moderatorContext = await browser.NewContextAsync();
        await using var leadContext = await browser.NewContextAsync();
        var moderator = new ConsolePage(await moderatorContext.NewPageAsync(), baseAddress);
        var lead = new ConsolePage(await leadContext.NewPageAsync(), baseAddress);
        var recent = new ConsolePage(await leadContext.NewPageAsync(), baseAddress);
        await SignInAsync(moderator, OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator));
        await SignInAsync(lead, OrganizationBuilder.EmailFor("Acme", DefaultRoles.ModeratorManager));
        await lead.GotoAsync("/review");
        await lead.WaitForShellAsync();
        await recent.GotoAsync("/review/recent");
        await recent.WaitForShellAsync();
        var reportsCard = lead.Page.GetByTestId("review-queues").Locator("[data-testid^=queue-]").Filter(new() { HasText = "Reports" }).First;
        await Assertions.Expect(reportsCard.GetByTestId("queue-pending")).ToHaveTextAsync("3");
        await Assertions.Expect(reportsCard.GetByTestId("queue-reviewers")).ToHaveTextAsync("Nobody is reviewing now.");

        await moderator.GotoAsync("/review");
        await moderator.WaitForShellAsync();
        await moderator.Page.GetByTestId("review-queues").Locator("[data-testid^=queue-start-]").First.ClickAsync();
        var page = moderator.Page;
        await Assertions.Expect(page.GetByTestId("job-view")).ToBeVisibleAsync();
        await Assertions.Expect(reportsCard.GetByTestId("queue-reviewers")).ToContainTextAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator));
        await moderator.ScreenshotAsync("job-view-blurred", fullPage: false);
        await Assertions.Expect(page.GetByTestId("media").First).ToHaveAttributeAsync("data-blurred", "true");

        // Job 1: Ignore with "i".
        var first = await page.GetByTestId("job-view").GetAttributeAsync("data-job");
        await page.Keyboard.PressAsync("?");
        await Assertions.Expect(page.GetByTestId("hotkeys-help")).ToBeVisibleAsync();
        await moderator.ScreenshotAsync("job-view-shortcuts", fullPage: false);
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(page.GetByTestId("hotkeys-help")).ToBeHiddenAsync();
        await page.Keyboard.PressAsync("i");
        await Assertions.Expect(page.GetByTestId("job-view")).Not.ToHaveAttributeAsync("data-job", first!);
        await Assertions.Expect(reportsCard.GetByTestId("queue-pending")).ToHaveTextAsync("2");
        await Assertions.Expect(recent.Page.GetByTestId($"decision-row-{first}")).ToContainTextAsync("Ignored");

        // Job 2: unblur with "u", then the one action with "a" and Ctrl+Enter.
        var second = await page.GetByTestId("job-view").GetAttributeAsync("data-job");
        await page.Keyboard.PressAsync("u");
        await Assertions.Expect(page.GetByTestId("media").First).ToHaveAttributeAsync("data-blurred", "false");
        await page.Keyboard.PressAsync("a");
        await Assertions.Expect(page.GetByTestId("decision-actions")).ToBeVisibleAsync();

        // Ctrl+Enter in the comment box adds the comment and does not also submit the prepared decision.
        var commentBox = page.Locator("[data-testid=job-comment-text] textarea, textarea[data-testid=job-comment-text]").First;
        await commentBox.FillAsync("Checked the author's other posts.");
        await commentBox.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByTestId("job-comments")).ToContainTextAsync("Checked the author's other posts.");
        await Assertions.Expect(page.GetByTestId("job-view")).ToHaveAttributeAsync("data-job", second!);
        await page.EvaluateAsync("() => document.activeElement?.blur()");
        await page.Keyboard.PressAsync("Control+Enter");
        await Assertions.Expect(page.GetByTestId("job-view")).Not.ToHaveAttributeAsync("data-job", second!);
        await Assertions.Expect(recent.Page.GetByTestId($"decision-row-{second}")).ToContainTextAsync("Remove post");
        await Assertions.Expect(reportsCard.GetByTestId("queue-pending")).ToHaveTextAsync("1");

        // Job 3: Ignore again, then the queue is empty.
        await page.Keyboard.PressAsync("i");
        await Assertions.Expect(page.GetByTestId("work-empty")).ToBeVisibleAsync();
        await Assertions.Expect(reportsCard.GetByTestId("queue-pending")).ToHaveTextAsync("0");
        await Assertions.Expect(reportsCard.GetByTestId("queue-reviewers")).ToHaveTextAsync("Nobody is reviewing now.");
        await lead.ScreenshotAsync("queues-after-review", fullPage: false);
        await recent.ScreenshotAsync("recent-decisions", fullPage: false);

        var delivered = Assert.Single(await receiver.WaitForAsync(1));
        Assert.True(delivered.SignatureValid);
        var body = JsonNode.Parse(delivered.Body)!.AsObject();
        Assert.Equal(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator), (string)body["actorEmail"]!);
        Assert.Equal("remove", (string)body["action"]!["id"]!);
        Assert.Empty(await page.Locator("script:not([src])").Filter(new() { HasText = "alert(1)" }).AllAsync());
    }

    private static async Task SignInAsync(ConsolePage console, string email)
    {
        await console.GotoAsync("/account/login");
        await console.SignInAsync(email, OrganizationBuilder.Password);
        await console.WaitForShellAsync();
    }

    private static async Task WaitForJobsAsync(WebhookTestApp app, int count)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            await using var db = await app.Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(cts.Token);
            if (await db.ReviewJobs.CountAsync(j => j.Status == JobStatus.Open, cts.Token) >= count && await db.Set<Report>().AllAsync(r => r.JobId != null, cts.Token))
            {
                return;
            }

            await Task.Delay(50, cts.Token);
        }
    }
}
