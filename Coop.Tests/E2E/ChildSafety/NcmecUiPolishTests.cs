using System.Net;
using Coop.Domain.Authorization;
using Coop.Domain.ChildSafety;
using Coop.Domain.Reports;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Integration.ChildSafety;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes.CyberTipline;
using Coop.Tests.Support.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.ChildSafety;

/// <summary>At 1366×768: the chosen A1/A2/B1/B2/None button is unmistakable (filled, checked, aria-pressed) and the NCMEC reports table fits, its Problem column wrapping.</summary>
[Trait("Category", "E2E")]
public sealed class NcmecUiPolishTests(BrowserFixture browser)
{
    private static readonly string[] AllOptions = ["A1", "A2", "B1", "B2", "None"];
    private static readonly string[] OthersThanA2 = ["A1", "B1", "B2", "None"];
    private static readonly int[] OtherIndexes = [0, 2, 3, 4];

    private static async Task<ConsolePage> SignInAsync(IBrowserContext context, Uri baseAddress, string email)
    {
        var page = await context.NewPageAsync();
        await page.SetViewportSizeAsync(1366, 768);
        var console = new ConsolePage(page, baseAddress);
        await console.GotoAsync("/account/login");
        await console.SignInAsync(email, OrganizationBuilder.Password);
        await console.WaitForShellAsync();
        return console;
    }

    [Fact]
    public async Task The_selected_classification_is_filled_checked_and_pressed_and_the_others_are_not()
    {
        await using var app = WebhookTestApp.Create();
        var baseAddress = app.App.StartOnRealPort();
        var org = await OrganizationBuilder.CreateAsync(app.App, "Acme", DefaultRoles.ChildSafetyModerator);
        await ItemTypeBuilder.CreateAsync(app.App, org, "post", "Post", ApiFixture.PostSchema);
        await ItemTypeBuilder.CreateAsync(app.App, org, "user", "Member", ItemTypeBuilder.Fields("USER", ("name", "STRING", false)));
        using var platform = await PlatformClient.CreateAsync(app.App, org);
        string Photo(int i) => new Uri(baseAddress, $"favicon.svg?m={i}").ToString();
        using (var report = await platform.PostAsync("/api/v1/report", $$"""
            { "reporter": { "kind": "user", "id": "r1", "typeId": "user" }, "reportedAt": "2026-11-24T10:00:00Z",
              "reportedForReason": { "reason": "please look", "csam": true },
              "reportedItem": { "id": "p2", "typeId": "post", "data": { "text": "reported post", "author": { "id": "u1", "typeId": "user" }, "images": ["{{Photo(1)}}", "{{Photo(2)}}"] } } }
            """))
        {
            Assert.Equal(HttpStatusCode.Created, report.StatusCode);
        }

        string jobId;
        var factory = app.Service<IDbContextFactory<CoopDbContext>>();
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)))
        {
            while (true)
            {
                await using var db = await factory.CreateDbContextAsync(cts.Token);
                if (await db.Set<Report>().AnyAsync(r => r.JobId != null, cts.Token))
                {
                    jobId = (await db.ReviewJobs.SingleAsync(j => j.ItemTypeId == "user" && j.ItemId == "u1", cts.Token)).Id;
                    break;
                }

                await Task.Delay(100, cts.Token);
            }
        }

        await using var context = await browser.NewContextAsync();
        var console = await SignInAsync(context, baseAddress, OrganizationBuilder.EmailFor("Acme", DefaultRoles.ChildSafetyModerator));
        await console.GotoAsync($"/review/jobs/{jobId}");
        await console.WaitForShellAsync();
        var page = console.Page;
        await page.GetByTestId("job-claim").ClickAsync();
        var cards = page.GetByTestId("ncmec-form").GetByTestId("ncmec-medium");
        await Assertions.Expect(cards).ToHaveCountAsync(2);
        foreach (var option in AllOptions)
        {
            await Assertions.Expect(cards.Nth(0).GetByTestId($"ncmec-category-{option}")).ToHaveAttributeAsync("aria-pressed", "false");
        }

        await cards.Nth(0).GetByTestId("ncmec-category-A2").ClickAsync();
        await cards.Nth(1).GetByTestId("ncmec-category-None").ClickAsync();

        var chosen = cards.Nth(0).GetByTestId("ncmec-category-A2");
        await Assertions.Expect(chosen).ToHaveAttributeAsync("aria-pressed", "true");
        await Assertions.Expect(chosen).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-button-filled"));
        await Assertions.Expect(chosen.Locator("svg")).ToHaveCountAsync(1);
        await Assertions.Expect(cards.Nth(0)).ToHaveAttributeAsync("data-category", "A2");
        foreach (var option in OthersThanA2)
        {
            var other = cards.Nth(0).GetByTestId($"ncmec-category-{option}");
            await Assertions.Expect(other).ToHaveAttributeAsync("aria-pressed", "false");
            await Assertions.Expect(other.Locator("svg")).ToHaveCountAsync(0);
        }

        await Assertions.Expect(cards.Nth(1).GetByTestId("ncmec-category-None")).ToHaveAttributeAsync("aria-pressed", "true");

        // Filled: the chosen button's background is not the others' (transparent) one.
        var backgrounds = await cards.Nth(0).Locator("[data-testid^='ncmec-category-']")
            .EvaluateAllAsync<string[]>("els => els.map(e => getComputedStyle(e).backgroundColor)");
        Assert.Equal(5, backgrounds.Length);
        Assert.All(OtherIndexes, i => Assert.NotEqual(backgrounds[1], backgrounds[i]));
        await cards.Nth(0).ScrollIntoViewIfNeededAsync();
        await console.ScreenshotAsync("ncmec-gaps-classification-selected", fullPage: false);
    }

    [Fact]
    public async Task The_reports_table_fits_1366_pixels_and_wraps_a_long_problem()
    {
        await using var s = await NcmecScenario.StartAsync(realPort: true);
        await s.ConfigureAsync();
        // The app keeps the first 200 characters of NCMEC's answer ("/fileinfo: HTTP 400, responseCode 4100: " and the
        // description), so the unbroken run comes early enough to be shown whole; the words after it are cut with "…".
        var unbroken = new string('x', 100);
        var longWords = "Validation failed - " + unbroken + " " + string.Join(' ', Enumerable.Repeat("originalFileName too long for NCMEC's schema", 6));
        s.Tipline.AddFault(FakeCyberTipFault.Fail("/fileinfo", 400, 4100) with { Description = longWords });
        var request = s.Request(media: 1) with { UserItemId = "user-with-a-rather-long-identifier-0123456789abcdef0123456789abcdef" };
        var failed = await s.SubmitAsync(NcmecEnvironment.Test, request);
        await s.RunJobAsync();
        var filed = await s.SubmitAsync(NcmecEnvironment.Test, s.Request(media: 2));
        await s.RunJobAsync();

        await using var context = await browser.NewContextAsync();
        var console = await SignInAsync(context, s.BaseAddress!, NcmecScenario.ChildSafety);
        await console.GotoAsync("/ncmec");
        await console.WaitForShellAsync();
        var page = console.Page;
        await Assertions.Expect(page.GetByTestId($"ncmec-state-{failed}")).ToHaveTextAsync("Failed");
        await Assertions.Expect(page.GetByTestId($"ncmec-state-{filed}")).ToHaveTextAsync("Done");
        var problem = page.GetByTestId($"ncmec-error-{failed}");
        await Assertions.Expect(problem).ToContainTextAsync(unbroken);
        await Assertions.Expect(problem).ToContainTextAsync("originalFileName too long");

        // Nothing overflows: the table is no wider than its container, the Problem cell ends inside the viewport and wraps.
        var overflow = await page.GetByTestId("ncmec-submissions").Locator(".mud-table-container")
            .EvaluateAsync<int>("e => e.scrollWidth - e.clientWidth");
        Assert.True(overflow <= 1, $"The table overflows its container by {overflow}px.");
        var box = (await problem.BoundingBoxAsync())!;
        Assert.True(box.X + box.Width <= 1366, $"The Problem cell ends at {box.X + box.Width}px.");
        Assert.True(box.Width >= 240, $"The Problem column is only {box.Width}px wide.");
        Assert.True(box.Height > 60, "The long problem should wrap onto several lines.");
        await console.ScreenshotAsync("ncmec-gaps-reports-1366", fullPage: false);
        await console.ScreenshotAsync("ncmec-gaps-reports-1366-full");
    }
}
