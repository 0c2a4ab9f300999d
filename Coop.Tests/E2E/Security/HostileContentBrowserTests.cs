using System.Net;
using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Integration.Security;
using Coop.Tests.Support;
using Coop.Tests.Support.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Security;

/// <summary>
/// Issue 12, inert rendering in a real browser: hostile items ingested through the API (a report and an appeal) are
/// shown on the job pages, the investigation page and the user's history in Chromium with a trap armed before any page
/// script (<c>window.__xss</c>, which every payload pushes to if it runs, and the page's dialogs); nothing may run.
/// </summary>
[Trait("Category", "E2E")]
public sealed class HostileContentBrowserTests(BrowserFixture browser)
{
    private const string PostSchema = """
        { "kind": "CONTENT", "fields": [
            { "name": "text", "type": "STRING", "required": true },
            { "name": "link", "type": "URL", "required": false },
            { "name": "photo", "type": "IMAGE", "required": false },
            { "name": "clip", "type": "VIDEO", "required": false },
            { "name": "gallery", "type": "ARRAY", "required": false, "container": { "valueScalarType": "IMAGE" } },
            { "name": "links", "type": "ARRAY", "required": false, "container": { "valueScalarType": "URL" } },
            { "name": "author", "type": "RELATED_ITEM", "required": false } ],
          "schemaFieldRoles": { "creatorId": "author" } }
        """;

    private const string Trap = """
        window.__xss = [];
        window.addEventListener('securitypolicyviolation', e => window.__xss.push('csp:' + e.violatedDirective));
        """;

    private static readonly string BreakoutUrl = HostilePayloads.Urls[8];
    private static readonly string FragmentUrl = HostilePayloads.Urls[9];
    private static readonly string ItemId = "p<img src=x onerror=\"window.__xss.push('item-id')\">";
    private static readonly string AuthorId = "u<svg onload=\"window.__xss.push('author-id')\">";

    [Fact]
    public async Task Hostile_item_content_is_shown_as_text_and_no_payload_runs_on_the_job_investigation_and_user_pages()
    {
        await using var app = new CoopAppFactory();
        var baseAddress = app.StartOnRealPort();
        var org = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        await ItemTypeBuilder.CreateAsync(app, org, "post", "Post", PostSchema);
        await ItemTypeBuilder.CreateAsync(app, org, "user", "Member", ItemTypeBuilder.Fields("USER", ("name", "STRING", false)));
        var factory = app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.Actions.Add(ActionDefinition.CreateCustom(org, "ban", new ActionDefinitionDetails("Ban", null, ["post"], "https://platform.example/hooks/ban", [], null, false),
                TimeProvider.System.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using var platform = await PlatformClient.CreateAsync(app, org);
        var report = new JsonObject
        {
            ["reporter"] = new JsonObject { ["kind"] = "user", ["id"] = HostilePayloads.Markup[1], ["typeId"] = "user" },
            ["reportedAt"] = "2026-11-24T10:00:00Z",
            ["reportedForReason"] = new JsonObject { ["reason"] = string.Join(" ", HostilePayloads.Markup) },
            ["reportedItem"] = Item(ItemId, 0),
            ["reportedItemThread"] = new JsonArray(Item("thread-1", 5), Item("thread-2", 9)),
            ["reportedItemsInThread"] = new JsonArray(new JsonObject { ["id"] = "thread-2", ["typeId"] = "post" }),
            ["additionalItems"] = new JsonArray(Item("extra-1", 3)),
        };
        using (var response = await platform.PostAsync("/api/v1/report", report.ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }

        var appeal = new JsonObject
        {
            ["appealId"] = HostilePayloads.Markup[2],
            ["appealedBy"] = new JsonObject { ["id"] = AuthorId, ["typeId"] = "user" },
            ["appealedAt"] = "2026-11-24T11:00:00Z",
            ["actionedItem"] = Item("appealed-1", 7),
            ["actionsTaken"] = new JsonArray("ban"),
            ["appealReason"] = string.Join(" ", HostilePayloads.All),
        };
        using (var response = await platform.PostAsync("/api/v1/report/appeal", appeal.ToJsonString()))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        var (reportJob, appealJob) = await WaitForJobsAsync(factory);

        await using var context = await browser.NewContextAsync();
        await context.AddInitScriptAsync(Trap);
        var dialogs = new List<string>();
        var page = await context.NewPageAsync();
        page.Dialog += async (_, dialog) =>
        {
            lock (dialogs)
            {
                dialogs.Add($"{dialog.Type}: {dialog.Message}");
            }

            await dialog.DismissAsync();
        };
        var console = new ConsolePage(page, baseAddress);
        await console.GotoAsync("/account/login");
        await console.SignInAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin), OrganizationBuilder.Password);
        await console.WaitForShellAsync();

        await console.GotoAsync($"/review/jobs/{reportJob}");
        await console.WaitForShellAsync();
        var view = page.GetByTestId("job-view");
        await Assertions.Expect(view).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("job-title")).ToContainTextAsync(ItemId);
        await Assertions.Expect(page.GetByTestId("job-thread")).ToBeVisibleAsync();
        await Assertions.Expect(view.GetByTestId("field-text").First).ToContainTextAsync(HostilePayloads.Markup[0]);
        await Assertions.Expect(view.GetByTestId("field-link").First).ToContainTextAsync(BreakoutUrl);
        await Assertions.Expect(page.GetByTestId("job-reports")).ToContainTextAsync(HostilePayloads.Markup[3]);
        await page.Keyboard.PressAsync("u");
        await page.Mouse.MoveAsync(200, 300);
        await page.Mouse.MoveAsync(600, 500);
        await AssertNothingRanAsync(page, dialogs, "the report's job page");
        await console.ScreenshotAsync("hostile-job-page");

        await console.GotoAsync($"/review/jobs/{appealJob}");
        await console.WaitForShellAsync();
        await Assertions.Expect(page.GetByTestId("job-appeal-reason")).ToContainTextAsync(HostilePayloads.Markup[5]);
        await AssertNothingRanAsync(page, dialogs, "the appeal's job page");
        await console.ScreenshotAsync("hostile-appeal-page", fullPage: false);

        await console.GotoAsync($"/investigation/items/post/{Uri.EscapeDataString(ItemId)}");
        await console.WaitForShellAsync();
        await Assertions.Expect(page.GetByTestId("item-version").First).ToContainTextAsync(HostilePayloads.Markup[0]);
        await AssertNothingRanAsync(page, dialogs, "the investigation page");
        await console.ScreenshotAsync("hostile-investigation-page", fullPage: false);

        await console.GotoAsync($"/users/user/{Uri.EscapeDataString(AuthorId)}");
        await console.WaitForShellAsync();
        await Assertions.Expect(page.GetByTestId("user-history-name")).ToContainTextAsync(AuthorId);
        await AssertNothingRanAsync(page, dialogs, "the user's history page");
    }

    /// <summary>An item whose every field is hostile; <paramref name="offset"/> varies which payload goes where.</summary>
    private static JsonObject Item(string id, int offset)
    {
        string Markup(int i) => HostilePayloads.Markup[(offset + i) % HostilePayloads.Markup.Length];
        string Url(int i) => HostilePayloads.Urls[(offset + i) % HostilePayloads.Urls.Length];
        return new JsonObject
        {
            ["id"] = id,
            ["typeId"] = "post",
            ["data"] = new JsonObject
            {
                ["text"] = string.Join(" ", HostilePayloads.Markup.Skip(offset % 3)),
                // Typed URL and media fields take only http(s) addresses (ingestion refuses the rest), so those carry the breakouts;
                // the script schemes travel in keys outside the schema, which are kept as received.
                ["link"] = BreakoutUrl,
                ["photo"] = FragmentUrl,
                ["clip"] = BreakoutUrl,
                ["gallery"] = new JsonArray(BreakoutUrl, FragmentUrl),
                ["links"] = new JsonArray(FragmentUrl, BreakoutUrl),
                ["raw-links"] = new JsonArray([.. HostilePayloads.Urls.Select(u => (JsonNode?)JsonValue.Create(u))]),
                ["raw-link-" + offset] = Url(0),
                ["author"] = new JsonObject { ["id"] = AuthorId, ["typeId"] = "user" },
                [Markup(1)] = Markup(2),
                ["style"] = "</style><style>body{background:url(javascript:window.__xss.push('css'))}</style>",
            },
        };
    }

    private static async Task AssertNothingRanAsync(IPage page, List<string> dialogs, string where)
    {
        // Give injected handlers (onerror of a failed image, onload, autofocus) their chance: the network settles, then two frames.
        try
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new PageWaitForLoadStateOptions { Timeout = 5_000 });
        }
        catch (PlaywrightException)
        {
        }

        await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        var ran = await page.EvaluateAsync<string[]>("() => window.__xss ?? ['the trap is gone']");
        var badLinks = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('[href],[src],[action],[formaction],[srcdoc]')]
                .flatMap(e => ['href', 'src', 'action', 'formaction', 'srcdoc'].map(a => e.getAttribute(a)).filter(v => v !== null)
                    .filter(v => e.hasAttribute('srcdoc') || /^\s*(javascript|vbscript|data):/i.test(v.replace(/[\u0000-\u001F]/g, '')))
                    .map(v => e.tagName + ' ' + v))
            """);
        var handlers = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes].filter(a => /^on/i.test(a.name)).map(a => e.tagName + ' ' + a.name))
            """);
        var scripts = await page.EvaluateAsync<string[]>("() => [...document.scripts].filter(s => s.textContent.includes('__xss')).map(s => s.outerHTML.slice(0, 120))");
        lock (dialogs)
        {
            Assert.True(ran.Length == 0 && dialogs.Count == 0 && badLinks.Length == 0 && handlers.Length == 0 && scripts.Length == 0,
                $"On {where}: payloads ran: [{string.Join(", ", ran)}]; dialogs: [{string.Join(", ", dialogs)}]; script URLs: [{string.Join(", ", badLinks)}]; "
                + $"event attributes: [{string.Join(", ", handlers)}]; scripts: [{string.Join(", ", scripts)}]");
        }
    }

    private static async Task<(string ReportJob, string AppealJob)> WaitForJobsAsync(IDbContextFactory<CoopDbContext> factory)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(cts.Token);
            var jobs = await db.ReviewJobs.Where(j => j.Status == JobStatus.Open).Select(j => new { j.Id, j.ItemId, j.Source }).ToListAsync(cts.Token);
            var reportJob = jobs.FirstOrDefault(j => j.ItemId == ItemId);
            var appealJob = jobs.FirstOrDefault(j => j.Source == JobSource.Appeal);
            if (reportJob is not null && appealJob is not null)
            {
                return (reportJob.Id, appealJob.Id);
            }

            await Task.Delay(50, cts.Token);
        }
    }
}
