using Coop.Domain.Authorization;
using Coop.Infrastructure.Webhooks;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Tests.Support.Pages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Administration;

[Trait("Category", "E2E")]
public sealed class PartialItemsSettingsTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_points_coop_at_the_platforms_endpoint_and_fetches_an_item_to_try_it()
    {
        await using var platform = await WebhookReceiver.StartAsync();
        await using var app = new CoopAppFactory(new Dictionary<string, string?> { ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8" });
        var baseAddress = app.StartOnRealPort();
        var org = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        await ItemTypeBuilder.CreateAsync(app, org, "post", "Post", """{ "kind": "CONTENT", "fields": [ { "name": "text", "type": "STRING", "required": true } ] }""");
        platform.PublicKeyPem = await app.Services.GetRequiredService<IWebhookSigner>().GetPublicKeyPemAsync(org);
        platform.RespondWith = _ => """{ "items": [ { "id": "p7", "typeId": "post", "data": { "text": "from the platform" } } ] }""";

        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        await console.GotoAsync("/account/login");
        await console.SignInAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin), OrganizationBuilder.Password);
        await console.WaitForShellAsync();
        await console.GotoAsync("/settings/partial-items");
        await console.WaitForShellAsync();
        var page = console.Page;

        await page.GetByTestId("partial-items-endpoint").FillAsync(platform.UrlFor("/items").ToString());
        await page.GetByTestId("header-add").ClickAsync();
        await page.GetByTestId("header-name-0").FillAsync("X-Platform-Key");
        await page.GetByTestId("header-value-0").FillAsync("s3cret");
        await page.GetByTestId("partial-items-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("header-value-hidden-0")).ToHaveTextAsync("••••");

        await page.GetByTestId("partial-items-test-type").FillAsync("post");
        await page.GetByTestId("partial-items-test-id").FillAsync("p7");
        await page.GetByTestId("partial-items-test-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId("partial-items-test-result")).ToContainTextAsync("Fetched and stored post/p7.");
        await console.ScreenshotAsync("settings-partial-items");

        var call = Assert.Single(platform.Requests);
        Assert.Equal(("s3cret", true), (call.Headers["X-Platform-Key"], call.SignatureValid));
        Assert.DoesNotContain("s3cret", await page.ContentAsync(), StringComparison.Ordinal);
    }
}
