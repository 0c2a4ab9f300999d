using System.Text.RegularExpressions;
using Coop.Domain.Authorization;
using Coop.Tests.Integration.Investigation;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Tests.Support.Pages;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Investigation;

[Trait("Category", "E2E")]
public sealed class InvestigationTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_moderator_searches_by_user_opens_an_item_and_sees_its_versions_and_its_actions_delivery()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var app = WebhookTestApp.Create();
        var baseAddress = app.App.StartOnRealPort();
        var org = await OrganizationBuilder.CreateAsync(app.App, "Acme", DefaultRoles.Admin);
        await ItemTypeBuilder.CreateAsync(app.App, org, "post", "Post", ApiFixture.PostSchema);
        await ItemTypeBuilder.CreateAsync(app.App, org, "user", "Member", ItemTypeBuilder.Fields("USER", ("name", "STRING", false)));
        using var platform = await PlatformClient.CreateAsync(app.App, org);
        await InvestigationScenario.ReportAndRemoveAsync(app.App, org, platform, receiver, "mod@acme.test");

        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        await console.GotoAsync("/account/login");
        await console.SignInAsync("mod@acme.test", OrganizationBuilder.Password);
        await console.WaitForShellAsync();
        await console.GotoAsync("/investigation");
        await console.WaitForShellAsync();
        var page = console.Page;

        await page.GetByTestId("filter-user-id").FillAsync("u1");
        await page.GetByTestId("investigation-search").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/investigation\\?userId=u1$"));
        var results = page.GetByTestId("investigation-result");
        await Assertions.Expect(results).ToHaveCountAsync(2);
        await Assertions.Expect(results.Nth(0)).ToHaveAttributeAsync("data-item", "post/p1");
        await Assertions.Expect(results.Nth(1)).ToHaveAttributeAsync("data-item", "user/u1");
        await Assertions.Expect(results.Nth(0).GetByTestId("result-creator-link")).ToHaveAttributeAsync("href", "/users/user/u1");
        await console.ScreenshotAsync("investigation-search-by-user");

        await results.Nth(0).GetByTestId("result-item-link").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex("/investigation/items/post/p1$"));
        var versions = page.GetByTestId("item-version");
        await Assertions.Expect(versions).ToHaveCountAsync(2);
        await Assertions.Expect(versions.Nth(0).GetByTestId("field-text")).ToContainTextAsync(InvestigationScenario.EditedText);
        await Assertions.Expect(versions.Nth(1).GetByTestId("field-text")).ToContainTextAsync("first words");
        var execution = page.GetByTestId("item-execution");
        await Assertions.Expect(execution).ToContainTextAsync("Remove");
        await Assertions.Expect(execution.GetByTestId("delivery-status")).ToHaveAttributeAsync("data-status", "Delivered");
        await Assertions.Expect(page.GetByTestId("item-decision")).ToContainTextAsync("selling gift cards");
        await Assertions.Expect(page.GetByTestId("item-strike")).ToContainTextAsync("u1");
        await Assertions.Expect(page.GetByTestId("item-run-action")).ToHaveAttributeAsync("href", "/actions/run?itemTypeId=post&itemId=p1");
        Assert.Empty(await page.Locator("script:not([src])").Filter(new() { HasText = "alert(1)" }).AllAsync());
        await console.ScreenshotAsync("investigation-item");

        await console.GotoAsync("/investigation/items/post/never%20sent%2Fhere");
        await Assertions.Expect(page.GetByTestId("item-fetch-failed")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("item-title")).ToContainTextAsync("never sent/here");
        await console.ScreenshotAsync("investigation-missing-item");
    }
}
