using System.Net;
using System.Text.RegularExpressions;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Items;
using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Tests.Support.Pages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Investigation;

/// <summary>The item page follows what happens to the item without a reload; investigation results feed a bulk action.</summary>
[Trait("Category", "E2E")]
public sealed class InvestigationLiveAndBulkTests(BrowserFixture browser)
{
    private static async Task SubmitAsync(PlatformClient platform, string itemsJson)
    {
        using var submit = await platform.PostAsync("/api/v1/items/async/", $$"""{ "items": [ {{itemsJson}} ] }""");
        Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
    }

    private static async Task WaitForItemsAsync(WebhookTestApp app, int count)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            await using (var db = await app.Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(cts.Token))
            {
                if (await db.Set<Item>().CountAsync(cts.Token) >= count)
                {
                    return;
                }
            }

            await Task.Delay(50, cts.Token);
        }
    }

    private async Task<ConsolePage> SignInAsync(Uri baseAddress, string email)
    {
        var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        await console.GotoAsync("/account/login");
        await console.SignInAsync(email, OrganizationBuilder.Password);
        await console.WaitForShellAsync();
        return console;
    }

    [Fact]
    public async Task The_item_page_shows_a_new_action_and_its_delivery_a_new_version_and_a_report_without_a_reload()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = WebhookTestApp.Create();
        var baseAddress = app.App.StartOnRealPort();
        var org = await OrganizationBuilder.CreateAsync(app.App, "Acme", DefaultRoles.Admin);
        await ItemTypeBuilder.CreateAsync(app.App, org, "post", "Post", ApiFixture.PostSchema);
        await ItemTypeBuilder.CreateAsync(app.App, org, "user", "Member", ItemTypeBuilder.Fields("USER", ("name", "STRING", false)));
        receiver.PublicKeyPem = await app.PublicKeyAsync(org);
        receiver.ResponseDelay = TimeSpan.FromSeconds(2);
        await using (var db = await app.Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            db.Actions.Add(ActionDefinition.CreateCustom(org, "remove", new ActionDefinitionDetails(
                "Remove", null, ["post"], receiver.UrlFor("/hooks/remove").ToString(), [], null, false), now));
            db.Policies.Add(Policy.Create(org, "spam", new PolicyDetails("Spam", null, null, null, Penalty.Low, 1, false), now));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using var platform = await PlatformClient.CreateAsync(app.App, org);
        await SubmitAsync(platform, """{ "id": "p1", "typeId": "post", "data": { "text": "first words", "author": { "id": "u1", "typeId": "user" } } }""");
        await WaitForItemsAsync(app, 1);

        var console = await SignInAsync(baseAddress, OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin));
        await console.GotoAsync("/investigation/items/post/p1");
        await console.WaitForShellAsync();
        var page = console.Page;
        await Assertions.Expect(page.GetByTestId("item-version")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("item-execution")).ToHaveCountAsync(0);
        var url = page.Url;

        using (var run = await platform.PostAsync("/api/v1/actions", """{ "actionId": "remove", "itemId": "p1", "itemTypeId": "post", "policyIds": ["spam"] }"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, run.StatusCode);
        }

        // The receiver holds each POST for 2 s: the action shows first, still pending, then its delivery lands.
        var execution = page.GetByTestId("item-execution");
        await Assertions.Expect(execution).ToHaveCountAsync(1);
        await Assertions.Expect(execution).ToContainTextAsync("Remove");
        await Assertions.Expect(execution.GetByTestId("delivery-status")).Not.ToHaveAttributeAsync("data-status", "Delivered", new() { Timeout = 1_000 });
        await console.ScreenshotAsync("investigation-item-live-pending");
        await Assertions.Expect(execution.GetByTestId("delivery-status")).ToHaveAttributeAsync("data-status", "Delivered");

        await SubmitAsync(platform, """{ "id": "p1", "typeId": "post", "data": { "text": "second words", "author": { "id": "u1", "typeId": "user" } } }""");
        await Assertions.Expect(page.GetByTestId("item-version")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("item-version").Nth(0).GetByTestId("field-text")).ToContainTextAsync("second words");

        using (var report = await platform.PostAsync("/api/v1/report", """
            {
              "reporter": { "kind": "user", "id": "u9", "typeId": "user" },
              "reportedAt": "2026-03-01T10:30:00.000Z",
              "reportedForReason": { "policyId": "spam", "reason": "ads everywhere", "csam": false },
              "reportedItem": { "id": "p1", "typeId": "post", "data": { "text": "second words", "author": { "id": "u1", "typeId": "user" } } }
            }
            """))
        {
            Assert.Equal(HttpStatusCode.Created, report.StatusCode);
        }

        await Assertions.Expect(page.GetByTestId("item-report")).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByTestId("item-job")).ToHaveCountAsync(1);
        Assert.Equal(url, page.Url);
        await console.ScreenshotAsync("investigation-item-live");
    }

    [Fact]
    public async Task A_moderator_ticks_results_and_opens_a_bulk_action_with_them_prefilled_an_analyst_gets_no_checkboxes()
    {
        await using var app = WebhookTestApp.Create();
        var baseAddress = app.App.StartOnRealPort();
        var org = await OrganizationBuilder.CreateAsync(app.App, "Acme", DefaultRoles.Moderator);
        await OrganizationBuilder.AddUserAsync(app.App, org, "analyst@acme.test", DefaultRoles.Analyst);
        await ItemTypeBuilder.CreateAsync(app.App, org, "post", "Post", ItemTypeBuilder.Fields("CONTENT", ("text", "STRING", true)));
        await ItemTypeBuilder.CreateAsync(app.App, org, "note", "Note", ItemTypeBuilder.Fields("CONTENT", ("text", "STRING", true)));
        await using (var db = await app.Service<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            db.Actions.Add(ActionDefinition.CreateCustom(org, "remove", new ActionDefinitionDetails(
                "Remove", null, ["post"], "https://platform.example/hooks/remove", [], null, false), TimeProvider.System.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using var platform = await PlatformClient.CreateAsync(app.App, org);
        await SubmitAsync(platform, """
            { "id": "p1", "typeId": "post", "data": { "text": "one" } },
            { "id": "p2 <b>two</b>", "typeId": "post", "data": { "text": "two" } },
            { "id": "p3", "typeId": "post", "data": { "text": "three" } },
            { "id": "n1", "typeId": "note", "data": { "text": "a note" } }
            """);
        await WaitForItemsAsync(app, 4);

        var console = await SignInAsync(baseAddress, OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator));
        await console.GotoAsync("/investigation");
        await console.WaitForShellAsync();
        var page = console.Page;
        var results = page.GetByTestId("investigation-result");
        await Assertions.Expect(results).ToHaveCountAsync(4);
        var bulk = page.GetByTestId("investigation-bulk-action");
        await Assertions.Expect(bulk).ToBeDisabledAsync();

        await page.GetByTestId("investigation-select-page").CheckAsync();
        await Assertions.Expect(bulk).ToContainTextAsync("Bulk action on 4 selected");
        await page.Locator("[data-testid=investigation-result][data-item='post/p3'] input[data-testid=investigation-select]").UncheckAsync();
        await Assertions.Expect(bulk).ToContainTextAsync("Bulk action on 3 selected");
        await Assertions.Expect(page.GetByTestId("investigation-select-page")).Not.ToBeCheckedAsync();
        await console.ScreenshotAsync("investigation-selection");

        await bulk.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/actions/bulk\\?selection=[0-9a-f]{32}$"));
        await Assertions.Expect(page.GetByTestId("bulk-prefilled-count")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("bulk-prefilled-left-out")).ToContainTextAsync("1 selected item(s) of other types");
        var ids = (await page.GetByTestId("bulk-ids").InputValueAsync()).Split('\n');
        Assert.Equal(["p1", "p2 <b>two</b>"], ids.Order(StringComparer.Ordinal));
        await page.GetByTestId("bulk-preview").ClickAsync();
        await Assertions.Expect(page.GetByTestId("bulk-preview-distinct")).ToHaveTextAsync("2");
        await Assertions.Expect(page.GetByTestId("bulk-preview-known")).ToHaveTextAsync("2");
        await console.ScreenshotAsync("bulk-prefilled-from-investigation");

        // Another user cannot read the selection: the address alone opens an empty form.
        var selectionUrl = page.Url;
        var analyst = await SignInAsync(baseAddress, "analyst@acme.test");
        await analyst.GotoAsync("/investigation");
        await analyst.WaitForShellAsync();
        await Assertions.Expect(analyst.Page.GetByTestId("investigation-result")).ToHaveCountAsync(4);
        await Assertions.Expect(analyst.Page.GetByTestId("investigation-select")).ToHaveCountAsync(0);
        await Assertions.Expect(analyst.Page.GetByTestId("investigation-bulk-action")).ToHaveCountAsync(0);
        await analyst.GotoAsync(new Uri(selectionUrl).PathAndQuery);
        await analyst.WaitForShellAsync();
        await Assertions.Expect(analyst.Page.GetByTestId("bulk-prefilled")).ToHaveCountAsync(0);
        await Assertions.Expect(analyst.Page.GetByTestId("bulk-form")).ToHaveCountAsync(0);
    }
}
