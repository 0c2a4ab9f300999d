using System.Net;
using System.Text.RegularExpressions;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Support.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Wellness;

/// <summary>
/// Wellness end to end: an admin sets the organization's media defaults, a moderator changes some for themselves, and
/// each sees the job's picture the way their settings say, in a real browser (blur radius, tone, hover).
/// </summary>
[Trait("Category", "E2E")]
public sealed partial class WellnessTests(BrowserFixture browser)
{
    [Fact]
    public async Task Organization_defaults_and_a_reviewers_own_settings_decide_how_a_jobs_media_looks()
    {
        await using var app = new CoopAppFactory();
        var baseAddress = app.StartOnRealPort();
        var org = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin, DefaultRoles.Moderator);
        await ItemTypeBuilder.CreateAsync(app, org, "post", "Post", """
            { "kind": "CONTENT", "fields": [ { "name": "text", "type": "STRING", "required": true }, { "name": "photo", "type": "IMAGE", "required": false } ] }
            """);
        using (var platform = await PlatformClient.CreateAsync(app, org))
        using (var response = await platform.PostAsync("/api/v1/report", $$"""
            { "reporter": { "kind": "user", "id": "r1", "typeId": "post" }, "reportedAt": "2026-12-01T10:00:00Z",
              "reportedForReason": { "reason": "graphic" },
              "reportedItem": { "id": "p1", "typeId": "post", "data": { "text": "look", "photo": "{{new Uri(baseAddress, "img/wellness-sample.svg")}}" } } }
            """))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var jobId = await WaitForJobAsync(app);
        await using var adminContext = await browser.NewContextAsync();
        await using var moderatorContext = await browser.NewContextAsync();
        var admin = new ConsolePage(await adminContext.NewPageAsync(), baseAddress);
        var moderator = new ConsolePage(await moderatorContext.NewPageAsync(), baseAddress);

        // The admin makes the organization's default a strong sepia blur (hover still shows a picture).
        await SignInAsync(admin, OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin));
        await admin.GotoAsync("/settings/wellness");
        await admin.WaitForShellAsync();
        var page = admin.Page;
        await page.GetByTestId("org-wellness-blur").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("5 · very strong", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("org-wellness-tone-sepia").ClickAsync();
        await Assertions.Expect(page.GetByTestId("wellness-preview")).ToContainTextAsync("Blurred (level 5), shown on hover or click, sepia; videos start muted.");
        await page.GetByTestId("org-wellness-save").ClickAsync();
        await Assertions.Expect(page.GetByText("Saved the wellness defaults.", new() { Exact = false })).ToBeVisibleAsync();
        await admin.ScreenshotAsync("wellness-organization");

        // The moderator keeps the strength but wants colour and no unblur on hover.
        await SignInAsync(moderator, OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator));
        await moderator.Page.GetByTestId("user-menu-button").ClickAsync();
        await moderator.Page.GetByTestId("menu-wellness").ClickAsync();
        var mine = moderator.Page;
        await Assertions.Expect(mine.GetByTestId("my-wellness-blur")).ToContainTextAsync("Organization default (5 · very strong)");
        await mine.GetByTestId("my-wellness-tone").ClickAsync();
        await mine.Locator(".mud-popover-open .mud-list-item").GetByText("Full colour", new() { Exact = true }).ClickAsync();
        await mine.GetByTestId("my-wellness-hover").ClickAsync();
        await mine.Locator(".mud-popover-open .mud-list-item").GetByText("Off: only Show (or the u key) unblurs", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(mine.GetByTestId("wellness-preview")).ToContainTextAsync("Blurred (level 5), shown on click, in colour");
        await mine.GetByTestId("my-wellness-save").ClickAsync();
        await Assertions.Expect(mine.GetByText("Saved your wellness settings.")).ToBeVisibleAsync();
        await moderator.ScreenshotAsync("wellness-account");

        // On the job: the moderator's picture is blurred 24px in colour and stays blurred under the pointer…
        await moderator.GotoAsync($"/review/jobs/{jobId}");
        await moderator.WaitForShellAsync();
        var picture = mine.GetByTestId("media").Locator("img");
        await Assertions.Expect(mine.GetByTestId("media")).ToHaveAttributeAsync("data-tone", "colour");
        await picture.HoverAsync();
        await Assertions.Expect(picture).ToHaveCSSAsync("filter", BlurredInColour());
        await moderator.ScreenshotAsync("wellness-job-moderator", fullPage: false);
        await mine.GetByTestId("media-toggle").ClickAsync();
        await Assertions.Expect(picture).ToHaveCSSAsync("filter", NotBlurred());

        // …while the admin, on the organization's defaults, sees sepia that the pointer unblurs.
        await admin.GotoAsync($"/review/jobs/{jobId}");
        await admin.WaitForShellAsync();
        var adminPicture = page.GetByTestId("media").Locator("img");
        await Assertions.Expect(page.GetByTestId("media")).ToHaveAttributeAsync("data-tone", "sepia");
        await page.GetByTestId("job-title").HoverAsync();
        await Assertions.Expect(adminPicture).ToHaveCSSAsync("filter", new Regex(@"blur\(24px\).*sepia\(1\)"));
        await adminPicture.HoverAsync();
        await Assertions.Expect(adminPicture).ToHaveCSSAsync("filter", NotBlurred());
    }

    [GeneratedRegex(@"blur\(24px\) grayscale\(0\) sepia\(0\)")]
    private static partial Regex BlurredInColour();

    [GeneratedRegex(@"^(?!.*blur).*grayscale")]
    private static partial Regex NotBlurred();

    private static async Task SignInAsync(ConsolePage console, string email)
    {
        await console.GotoAsync("/account/login");
        await console.SignInAsync(email, OrganizationBuilder.Password);
        await console.WaitForShellAsync();
    }

    private static async Task<string> WaitForJobAsync(CoopAppFactory app)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(cts.Token);
            if (await db.ReviewJobs.Where(j => j.Status == JobStatus.Open).Select(j => j.Id).FirstOrDefaultAsync(cts.Token) is { } id)
            {
                return id;
            }

            await Task.Delay(50, cts.Token);
        }
    }
}
