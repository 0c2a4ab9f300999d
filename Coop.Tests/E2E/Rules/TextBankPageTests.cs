using Coop.Domain.Authorization;
using Coop.Tests.Support;
using Coop.Tests.Support.Pages;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Rules;

[Trait("Category", "E2E")]
public sealed class TextBankPageTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_rules_manager_creates_imports_searches_and_trims_a_text_bank()
    {
        await using var app = new CoopAppFactory();
        var baseAddress = app.StartOnRealPort();
        await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.RulesManager);
        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        var page = console.Page;

        await console.GotoAsync("/account/login");
        await console.SignInAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.RulesManager), OrganizationBuilder.Password);
        await console.WaitForShellAsync();

        await page.GetByTestId("nav-banks").ClickAsync();
        await Assertions.Expect(page.GetByTestId("text-banks-empty")).ToBeVisibleAsync();
        await page.GetByTestId("text-bank-new").ClickAsync();
        await page.GetByTestId("text-bank-name").FillAsync("Scam phrases");
        await page.GetByTestId("text-bank-description").FillAsync("Seen in payment scams");
        await page.GetByTestId("text-bank-entries").FillAsync("free money\n<b>wire</b> transfer\nFREE MONEY");
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload
        {
            Name = "more.csv",
            MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("gift card,common\n\"crypto, doubled\",rare\n"),
        });
        await Assertions.Expect(page.GetByTestId("text-bank-entry-lines")).ToHaveTextAsync("5 lines");
        await console.ScreenshotAsync("text-bank-form");
        await page.GetByTestId("text-bank-save").ClickAsync();

        var count = page.Locator("[data-testid^=text-bank-count-]");
        await Assertions.Expect(count).ToHaveTextAsync("4");
        await Assertions.Expect(page.Locator("[data-testid=text-bank-entry]")).ToHaveCountAsync(4);
        await Assertions.Expect(page.GetByTestId("text-bank-entry-list")).ToContainTextAsync("<b>wire</b> transfer");
        await Assertions.Expect(page.Locator("b", new() { HasText = "wire" })).ToHaveCountAsync(0);

        await page.GetByTestId("text-bank-search").FillAsync("CRYPTO");
        await Assertions.Expect(page.Locator("[data-testid=text-bank-entry]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-testid=text-bank-entry]")).ToContainTextAsync("crypto, doubled");
        await page.GetByTestId("text-bank-entry-remove").ClickAsync();
        await Assertions.Expect(count).ToHaveTextAsync("3");
        await page.GetByTestId("text-bank-search").FillAsync(string.Empty);
        await Assertions.Expect(page.Locator("[data-testid=text-bank-entry]")).ToHaveCountAsync(3);
        await console.ScreenshotAsync("text-bank-list");

        // A duplicate name is refused on the field.
        await page.GetByTestId("text-bank-new").ClickAsync();
        await page.GetByTestId("text-bank-name").FillAsync("SCAM PHRASES");
        await page.GetByTestId("text-bank-save").ClickAsync();
        await Assertions.Expect(page.GetByText("A text bank named 'SCAM PHRASES' already exists.")).ToBeVisibleAsync();
    }
}
