using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Tests.Support.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Actions;

[Trait("Category", "E2E")]
public sealed class BulkActionPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_moderator_pastes_ids_previews_confirms_and_watches_the_run_reach_100_percent_live()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = WebhookTestApp.Create(settings: new Dictionary<string, string?>
        {
            ["BulkActions:ChunkSize"] = "50",
            ["BulkActions:PauseBetweenChunks"] = "00:00:00.200",
        });
        var baseAddress = app.App.StartOnRealPort();
        var org = await OrganizationBuilder.CreateAsync(app.App, "Acme", DefaultRoles.Moderator);
        receiver.PublicKeyPem = await app.PublicKeyAsync(org);
        await ItemTypeBuilder.CreateAsync(app.App, org, "post", "Post", ItemTypeBuilder.Fields("CONTENT", ("text", "STRING", true)));
        await using (var db = await app.Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            db.Actions.Add(ActionDefinition.CreateCustom(org, "remove", new ActionDefinitionDetails(
                "Remove", "Takes the post down.", ["post"], receiver.UrlFor("/hooks/remove").ToString(), [], null, false,
                [new ActionParameter("days", "Days", ActionParameterType.Number, Required: true, Min: 1, Max: 30)]), now));
            db.Policies.Add(Policy.Create(org, "spam", new PolicyDetails("Spam", null, null, null, Penalty.Low, 1, false), now));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        await console.GotoAsync("/account/login");
        await console.SignInAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator), OrganizationBuilder.Password);
        await console.WaitForShellAsync();
        var page = console.Page;
        await page.GetByTestId("nav-bulk-actions").ClickAsync();
        await Assertions.Expect(page.GetByTestId("bulk-form")).ToBeVisibleAsync();

        var ids = Enumerable.Range(0, 600).Select(i => $"post-{i}").ToList();
        await page.GetByTestId("bulk-ids").FillAsync(string.Join("\n", ids) + "\npost-1\n\n  post-2, <b>x</b>\n");
        await page.GetByTestId("bulk-actions").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("Remove", new() { Exact = true }).ClickAsync();
        await page.GetByText("Bulk actions", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.GetByTestId("bulk-policies").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("Spam", new() { Exact = true }).ClickAsync();
        await page.GetByText("Bulk actions", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await page.GetByTestId("run-param-days").FillAsync("3");
        await page.GetByTestId("bulk-reason").FillAsync("spam wave");
        await Assertions.Expect(page.GetByTestId("bulk-reason")).ToHaveValueAsync("spam wave");

        await Assertions.Expect(page.GetByTestId("bulk-start")).ToBeDisabledAsync();
        await page.GetByTestId("bulk-preview").ClickAsync();
        await Assertions.Expect(page.GetByTestId("bulk-preview-distinct")).ToHaveTextAsync("601");
        await Assertions.Expect(page.GetByTestId("bulk-preview-duplicates")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("bulk-preview-known")).ToHaveTextAsync("0");
        await console.ScreenshotAsync("bulk-action-preview");

        await page.GetByTestId("bulk-start").ClickAsync();
        var confirm = page.GetByRole(AriaRole.Button, new() { Name = "Run on 601 items" });
        await Assertions.Expect(confirm).ToBeVisibleAsync();
        await console.ScreenshotAsync("bulk-action-confirm");
        await confirm.ClickAsync();

        // The run view updates from live events over the circuit: no reload between "running" and "100%".
        var run = page.GetByTestId("bulk-run");
        await Assertions.Expect(run).ToHaveAttributeAsync("data-status", "Running");
        await console.ScreenshotAsync("bulk-action-running");
        await Assertions.Expect(page.GetByTestId("bulk-run-percent")).ToHaveTextAsync("100%", new() { Timeout = 60_000 });
        await Assertions.Expect(run).ToHaveAttributeAsync("data-status", "Completed");
        await Assertions.Expect(page.GetByTestId("bulk-run-done")).ToHaveTextAsync("601");
        await Assertions.Expect(page.GetByTestId("bulk-run-cancel")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("[data-testid^=bulk-run-row-] [data-testid=bulk-run-status]")).ToHaveAttributeAsync("data-status", "Completed");
        await console.ScreenshotAsync("bulk-action-done");

        var requests = await receiver.WaitForAsync(601, TimeSpan.FromSeconds(120));
        Assert.Equal(601, requests.Count);
        var items = requests.Select(r => (string)JsonNode.Parse(r.Body)!["item"]!["id"]!).ToHashSet();
        Assert.True(items.SetEquals([.. ids, "<b>x</b>"]), "every pasted id, markup as plain text, got its callback");
        var body = JsonNode.Parse(requests[0].Body)!;
        Assert.Equal(("""{"days":3}""", "spam wave"), (body["custom"]!.ToJsonString(), (string)body["actorNote"]!));
    }
}
