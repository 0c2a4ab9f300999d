using System.Net;
using Coop.Domain.Authorization;
using Coop.Domain.ChildSafety;
using Coop.Domain.Items;
using Coop.Domain.Moderation;
using Coop.Domain.Reports;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Support.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.ChildSafety;

/// <summary>A child-safety moderator reviews a user-centred NCMEC job with the keyboard; a moderator cannot reach it.</summary>
[Trait("Category", "E2E")]
public sealed class NcmecReviewFormTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_child_safety_moderator_classifies_blurred_media_by_keyboard_and_submits_while_a_moderator_cannot_see_the_job()
    {
        await using var app = WebhookTestApp.Create();
        var baseAddress = app.App.StartOnRealPort();
        var org = await OrganizationBuilder.CreateAsync(app.App, "Acme", DefaultRoles.ChildSafetyModerator, DefaultRoles.Moderator);
        await ItemTypeBuilder.CreateAsync(app.App, org, "post", "Post", ApiFixture.PostSchema);
        await ItemTypeBuilder.CreateAsync(app.App, org, "user", "Member", ItemTypeBuilder.Fields("USER", ("name", "STRING", false)));
        using var platform = await PlatformClient.CreateAsync(app.App, org);
        string Photo(int i) => new Uri(baseAddress, $"favicon.svg?m={i}").ToString();
        using (var items = await platform.PostAsync("/api/v1/items/async/", $$"""
            { "items": [ { "id": "p1", "typeId": "post", "data": { "text": "<script>alert(1)</script> older post", "author": { "id": "u1", "typeId": "user" }, "images": ["{{Photo(1)}}", "{{Photo(2)}}"] } } ] }
            """))
        {
            Assert.Equal(HttpStatusCode.Accepted, items.StatusCode);
        }

        await WaitAsync(app, db => db.Set<Item>().AnyAsync(i => i.ItemId == "p1"));
        using (var report = await platform.PostAsync("/api/v1/report", $$"""
            { "reporter": { "kind": "user", "id": "r1", "typeId": "user" }, "reportedAt": "2026-11-24T10:00:00Z",
              "reportedForReason": { "reason": "please look", "csam": true },
              "reportedItem": { "id": "p2", "typeId": "post", "data": { "text": "reported post", "author": { "id": "u1", "typeId": "user" }, "images": ["{{Photo(3)}}"] } } }
            """))
        {
            Assert.Equal(HttpStatusCode.Created, report.StatusCode);
        }

        await WaitAsync(app, db => db.Set<Report>().AnyAsync(r => r.JobId != null));
        string jobId;
        await using (var db = await app.Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            jobId = (await db.ReviewJobs.SingleAsync(j => j.ItemTypeId == "user" && j.ItemId == "u1", TestContext.Current.CancellationToken)).Id;
        }

        // The moderator: no NCMEC queue, and the job's address is refused.
        await using var moderatorContext = await browser.NewContextAsync();
        var moderator = new ConsolePage(await moderatorContext.NewPageAsync(), baseAddress);
        await SignInAsync(moderator, OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator));
        await moderator.GotoAsync("/review");
        await moderator.WaitForShellAsync();
        await Assertions.Expect(moderator.Page.GetByTestId("review-queues")).ToBeVisibleAsync();
        await Assertions.Expect(moderator.Page.GetByText("Child safety (NCMEC)")).ToHaveCountAsync(0);
        await moderator.GotoAsync($"/review/jobs/{jobId}");
        await moderator.WaitForShellAsync();
        await Assertions.Expect(moderator.Page.GetByTestId("job-error")).ToContainTextAsync("child-safety access");
        await Assertions.Expect(moderator.Page.GetByTestId("ncmec-form")).ToHaveCountAsync(0);
        await Assertions.Expect(moderator.Page.Locator("img")).ToHaveCountAsync(0);

        // The child-safety moderator: everything blurred, unblur one, classify by keyboard, choose the incident type, submit.
        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        await SignInAsync(console, OrganizationBuilder.EmailFor("Acme", DefaultRoles.ChildSafetyModerator));
        await console.GotoAsync($"/review/jobs/{jobId}");
        await console.WaitForShellAsync();
        var page = console.Page;
        await page.GetByTestId("job-claim").ClickAsync();
        var form = page.GetByTestId("ncmec-form");
        await Assertions.Expect(form.GetByTestId("ncmec-medium")).ToHaveCountAsync(3);
        var media = form.GetByTestId("media");
        foreach (var medium in await media.AllAsync())
        {
            await Assertions.Expect(medium).ToHaveAttributeAsync("data-blurred", "true");
            await Assertions.Expect(medium).ToHaveAttributeAsync("data-tone", "grayscale");
        }

        await Assertions.Expect(form.GetByTestId("ncmec-summary")).ToContainTextAsync("every medium must be classified");
        await Assertions.Expect(form.GetByTestId("ncmec-no-threads")).ToBeVisibleAsync();
        await console.ScreenshotAsync("ncmec-form-blurred");

        await form.GetByTestId("ncmec-medium").Nth(1).GetByTestId("media-toggle").ClickAsync();
        await Assertions.Expect(media.Nth(1)).ToHaveAttributeAsync("data-blurred", "false");
        await Assertions.Expect(media.Nth(0)).ToHaveAttributeAsync("data-blurred", "true");

        var cards = form.GetByTestId("ncmec-medium");
        await cards.First.FocusAsync();
        await page.Keyboard.PressAsync("1");
        await Assertions.Expect(cards.Nth(0)).ToHaveAttributeAsync("data-category", "A1");
        await page.Keyboard.PressAsync("j");
        await Assertions.Expect(cards.Nth(1)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("0");
        await Assertions.Expect(cards.Nth(1)).ToHaveAttributeAsync("data-category", "None");
        await page.Keyboard.PressAsync("4");
        await Assertions.Expect(cards.Nth(1)).ToHaveAttributeAsync("data-category", "B2");
        await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(cards.Nth(2)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("3");
        await Assertions.Expect(cards.Nth(2)).ToHaveAttributeAsync("data-category", "B1");
        await page.Keyboard.PressAsync("k");
        await Assertions.Expect(cards.Nth(1)).ToBeFocusedAsync();
        await Assertions.Expect(cards.Nth(0)).ToHaveAttributeAsync("data-category", "A1");
        await Assertions.Expect(media.Nth(1)).ToHaveAttributeAsync("data-blurred", "false");
        await cards.Nth(0).GetByTestId("ncmec-annotation-infant").ClickAsync();

        await form.GetByTestId("ncmec-submit").ClickAsync();
        await Assertions.Expect(form).ToContainTextAsync("Choose the incident type.");
        await form.GetByTestId("ncmec-incident-type").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = NcmecVocabulary.IncidentTypeText(NcmecIncidentType.ChildPornography) }).ClickAsync();
        await console.ScreenshotAsync("ncmec-form-classified");
        await form.GetByTestId("ncmec-submit").ClickAsync();
        await Assertions.Expect(page.GetByTestId("job-closed")).ToBeVisibleAsync();
        await console.ScreenshotAsync("ncmec-form-decided");

        await using var check = await app.Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.Equal(DecisionKind.SubmitNcmecReport, (await check.ReviewDecisions.SingleAsync(d => d.JobId == jobId, TestContext.Current.CancellationToken)).Kind);
        var submission = await check.NcmecSubmissions.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(NcmecSubmissionState.Pending, submission.State);
        Assert.Equal([NcmecIndustryClassification.A1, NcmecIndustryClassification.B2, NcmecIndustryClassification.B1], submission.Request.Media.Select(m => m.Classification));
        Assert.Equal(NcmecFileAnnotations.Infant, submission.Request.Media[0].Annotations);
    }

    private static async Task SignInAsync(ConsolePage console, string email)
    {
        await console.GotoAsync("/account/login");
        await console.SignInAsync(email, OrganizationBuilder.Password);
        await console.WaitForShellAsync();
    }

    private static async Task WaitAsync(WebhookTestApp app, Func<CoopDbContext, Task<bool>> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            await using (var db = await app.Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(cts.Token))
            {
                if (await condition(db))
                {
                    return;
                }
            }

            await Task.Delay(50, cts.Token);
        }
    }
}
