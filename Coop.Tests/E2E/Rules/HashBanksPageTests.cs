using Coop.Domain.Authorization;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Tests.Support.Pages;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Rules;

[Trait("Category", "E2E")]
public sealed class HashBanksPageTests(BrowserFixture browser)
{
    private const string BridgeReference = "d8f8f0cce0f4a84f0e370a22028f67f0b36e2ed596623e1d33e6b39c4e9c9b22";

    [Fact]
    public async Task A_rules_manager_creates_a_bank_imports_a_csv_and_tests_an_image_url()
    {
        var fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Pdq");
        await using var images = await ImageServer.StartAsync(fixtures);
        await using var app = new CoopAppFactory(new Dictionary<string, string?> { ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8" });
        var baseAddress = app.StartOnRealPort();
        await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.RulesManager);
        var directory = TestSettings.NewTempDirectory();
        var bad = Path.Combine(directory, "bad.csv");
        await File.WriteAllTextAsync(bad, $"signal_type,signal\npdq,{BridgeReference}\npdq,not-a-hash\n", TestContext.Current.CancellationToken);
        var good = Path.Combine(directory, "hma-export.csv");
        await File.WriteAllTextAsync(good, $"signal_type,signal,label\npdq,{BridgeReference},bridge <b>reference</b>\nmd5,0123456789abcdef0123456789abcdef,\n", TestContext.Current.CancellationToken);

        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        await console.GotoAsync("/account/login");
        await console.SignInAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.RulesManager), OrganizationBuilder.Password);
        await console.WaitForShellAsync();
        var page = console.Page;
        await page.GetByTestId("nav-hash-banks").ClickAsync();
        await Assertions.Expect(page.GetByTestId("hash-banks-empty")).ToBeVisibleAsync();

        await page.GetByTestId("hash-bank-new").ClickAsync();
        await page.GetByTestId("hash-bank-name").FillAsync("Known bridges");
        await page.GetByTestId("hash-bank-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("hash-bank-detail")).ToBeVisibleAsync();

        await page.Locator("input[type=file]").First.SetInputFilesAsync(bad);
        await Assertions.Expect(page.GetByTestId("hash-import-result")).ToContainTextAsync("Nothing was imported");
        await Assertions.Expect(page.GetByTestId("hash-import-problems")).ToContainTextAsync("Line 3:");

        await page.Locator("input[type=file]").First.SetInputFilesAsync(good);
        await Assertions.Expect(page.GetByTestId("hash-import-result")).ToContainTextAsync("Imported 2 hash(es)");
        await Assertions.Expect(page.GetByTestId("hash-bank-row-pdq")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("hash-bank-row-md5")).ToHaveTextAsync("1");
        await Assertions.Expect(page.GetByTestId("hash-entry")).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByTestId("hash-entries")).ToContainTextAsync("bridge <b>reference</b>");

        await page.GetByTestId("hash-test-url").FillAsync(images.UrlFor("bridge-blur-a-little.jpg"));
        await page.GetByTestId("hash-test-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId("hash-test-match")).ToContainTextAsync("Known bridges");
        await console.ScreenshotAsync("hash-banks-import-and-test");

        await page.GetByTestId("hash-test-url").FillAsync(images.UrlFor("c.png"));
        await page.GetByTestId("hash-test-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId("hash-test-none")).ToBeVisibleAsync();
    }
}
