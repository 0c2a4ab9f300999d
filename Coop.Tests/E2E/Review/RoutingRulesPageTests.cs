using Coop.Domain.Authorization;
using Coop.Tests.Support;
using Coop.Tests.Support.Pages;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Review;

[Trait("Category", "E2E")]
public sealed class RoutingRulesPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_lead_writes_a_routing_rule_and_a_bad_regex_is_explained_before_saving()
    {
        await using var app = new CoopAppFactory();
        var baseAddress = app.StartOnRealPort();
        await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.ModeratorManager);
        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        await console.GotoAsync("/account/login");
        await console.SignInAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.ModeratorManager), OrganizationBuilder.Password);
        await console.WaitForShellAsync();
        await console.GotoAsync("/review");
        await console.WaitForShellAsync();
        var page = console.Page;
        await page.GetByTestId("review-routing").ClickAsync();
        await Assertions.Expect(page.GetByTestId("rules-empty-Standard")).ToBeVisibleAsync();

        await page.GetByTestId("rule-new").ClickAsync();
        await page.GetByTestId("rule-name").FillAsync("Threats");
        await page.GetByTestId("rule-queue").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("Reports", new() { Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("cond-input-0")).ToContainTextAsync("Reason given");
        await page.GetByTestId("cond-comparator-0").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("matches regex", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("cond-value-0").FillAsync("(threat");
        await page.GetByTestId("rule-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("cond-error-0")).ToContainTextAsync("not a valid regular expression");
        await console.ScreenshotAsync("routing-rule-error", fullPage: false);

        await page.GetByTestId("cond-value-0").FillAsync("threat|kill");
        await page.GetByTestId("rule-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("rules-Standard")).ToContainTextAsync("reason given matches regex threat|kill");
        await Assertions.Expect(page.GetByTestId("rules-Standard")).ToContainTextAsync("→ Reports");
        await console.ScreenshotAsync("routing-rules", fullPage: false);
    }
}
