using Coop.Domain.Authorization;
using Coop.Tests.Support;
using Coop.Tests.Support.Pages;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Policies;

[Trait("Category", "E2E")]
public sealed class PolicyAndActionEditorTests(BrowserFixture browser)
{
    [Fact]
    public async Task An_admin_creates_a_policy_and_an_action_in_the_console()
    {
        await using var app = new CoopAppFactory();
        var baseAddress = app.StartOnRealPort();
        await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);
        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        var page = console.Page;

        await console.GotoAsync("/account/login");
        await console.SignInAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin), OrganizationBuilder.Password);
        await console.WaitForShellAsync();

        await page.GetByTestId("nav-policies").ClickAsync();
        await page.GetByTestId("policy-new").ClickAsync();
        await page.GetByTestId("policy-name").FillAsync("Harassment");
        await page.GetByTestId("policy-strikes").FillAsync("3");
        await page.GetByTestId("policy-penalty").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "HIGH" }).ClickAsync();
        await page.GetByTestId("policy-apply-children").CheckAsync();
        await page.GetByTestId("policy-description").FillAsync("No targeted abuse of other users.");
        await page.GetByTestId("policy-guidelines").FillAsync("Remove direct threats; warn on first insults.");
        await console.ScreenshotAsync("policy-form");
        await page.GetByTestId("policy-save").ClickAsync();
        var row = page.Locator("tr[data-testid^=policy-row-]");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await Assertions.Expect(row.First).ToContainTextAsync("Harassment");
        await Assertions.Expect(page.Locator("[data-testid^=policy-strikes-]").First).ToContainTextAsync("3");
        await Assertions.Expect(page.Locator("[data-testid^=policy-penalty-]").First).ToHaveTextAsync("HIGH");

        await page.Locator("[data-testid^=policy-add-child-]").First.ClickAsync();
        await page.GetByTestId("policy-name").FillAsync("Threats");
        await Assertions.Expect(page.GetByTestId("policy-strikes")).ToBeDisabledAsync();
        await page.GetByTestId("policy-save").ClickAsync();
        await Assertions.Expect(row).ToHaveCountAsync(2);
        await Assertions.Expect(row.Nth(1)).ToHaveAttributeAsync("data-depth", "1");
        await Assertions.Expect(page.Locator("[data-testid^=policy-strikes-]").Nth(1)).ToContainTextAsync("3");
        await console.ScreenshotAsync("policies-tree");

        await page.GetByTestId("nav-actions").ClickAsync();
        await Assertions.Expect(page.Locator("tr[data-testid^=action-row-]")).ToHaveCountAsync(3);
        await page.GetByTestId("action-new").ClickAsync();
        await page.GetByTestId("action-name").FillAsync("Ban user");

        // The organization's item types (here its default User type) are offered, not "No item types yet".
        await Assertions.Expect(page.GetByTestId("action-no-item-types")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByText("Applies to item types")).ToBeVisibleAsync();
        await page.GetByTestId("action-callback-url").FillAsync("not a url");
        await Assertions.Expect(page.GetByText("Enter an absolute http:// or https:// URL.")).ToBeVisibleAsync();
        await page.GetByTestId("action-callback-url").FillAsync("https://platform.example/coop/ban");
        await page.GetByTestId("header-add").ClickAsync();
        await page.GetByTestId("header-name-0").FillAsync("Authorization");
        await page.GetByTestId("header-value-0").FillAsync("Bearer e2e-secret");
        await page.GetByTestId("action-body").FillAsync("{ \"queue\": \"bans\" }");
        await page.GetByTestId("param-add").ClickAsync();
        await page.GetByTestId("param-name-0").FillAsync("reason");
        await page.GetByTestId("param-display-0").FillAsync("Reason");
        await console.ScreenshotAsync("action-form");
        await page.GetByTestId("action-save").ClickAsync();

        await Assertions.Expect(page.Locator("tr[data-testid^=action-row-]")).ToHaveCountAsync(4);
        await Assertions.Expect(page.GetByTestId("actions-table")).ToContainTextAsync("platform.example");
        Assert.DoesNotContain("e2e-secret", await page.ContentAsync(), StringComparison.Ordinal);
        await console.ScreenshotAsync("actions-table");

        await page.Locator("[data-testid^=action-edit-]").Last.ClickAsync();
        await Assertions.Expect(page.GetByTestId("header-value-hidden-0")).ToHaveTextAsync("••••");
        await Assertions.Expect(page.GetByTestId("param-name-0")).ToHaveValueAsync("reason");
        Assert.DoesNotContain("e2e-secret", await page.ContentAsync(), StringComparison.Ordinal);
        await console.ScreenshotAsync("action-edit");
    }
}
