using Coop.Domain.ChildSafety;
using Coop.Tests.Integration.ChildSafety;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes.CyberTipline;
using Coop.Tests.Support.Pages;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.ChildSafety;

[Trait("Category", "E2E")]
public sealed class ChildSafetyPagesTests(BrowserFixture browser)
{
    private const string Password = "e2e-ncmec-password-77";

    [Fact]
    public async Task An_admin_saves_CyberTipline_credentials_and_after_a_reload_sees_them_only_as_set()
    {
        await using var s = await NcmecScenario.StartAsync(realPort: true);
        (s.Tipline.Username, s.Tipline.Password) = ("esp-user", Password);
        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), s.BaseAddress!);
        await console.GotoAsync("/account/login");
        await console.SignInAsync(NcmecScenario.Admin, OrganizationBuilder.Password);
        await console.WaitForShellAsync();
        await console.GotoAsync("/settings/child-safety");
        await console.WaitForShellAsync();
        var page = console.Page;

        await Assertions.Expect(page.GetByTestId("cs-credentials-state-test")).ToHaveTextAsync("not set");
        await page.GetByTestId("cs-username-test").FillAsync("esp-user");
        await page.GetByTestId("cs-password-test").FillAsync(Password);
        await page.GetByTestId("cs-ReporterEmail").FillAsync("not an email");
        await page.GetByTestId("cs-PreservationWebhookUrl").FillAsync("ftp://platform.example/preserve");
        await page.GetByTestId("cs-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("cs-errors")).ToContainTextAsync("Enter an email address");
        await Assertions.Expect(page.GetByTestId("cs-errors")).ToContainTextAsync("Only http and https URLs can be called.");
        await console.ScreenshotAsync("child-safety-settings-errors");

        await page.GetByTestId("cs-ReporterEmail").FillAsync("trust-safety@acme.example");
        await page.GetByTestId("cs-PreservationWebhookUrl").FillAsync(s.Receiver.UrlFor("/preserve").ToString());
        await page.GetByTestId("cs-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId("cs-saved")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("cs-credentials-state-test")).ToContainTextAsync("set — last changed");

        await page.ReloadAsync();
        await console.WaitForShellAsync();
        await Assertions.Expect(page.GetByTestId("cs-credentials-state-test")).ToContainTextAsync("set — last changed");
        await Assertions.Expect(page.GetByTestId("cs-password-test")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("cs-ReporterEmail")).ToHaveValueAsync("trust-safety@acme.example");
        await page.GetByTestId("cs-check-test").ClickAsync();
        await Assertions.Expect(page.GetByTestId("cs-check-result-test")).ToContainTextAsync("Connected to the test CyberTipline");
        await console.ScreenshotAsync("child-safety-settings-saved");
        Assert.DoesNotContain(Password, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_reports_page_shows_failures_in_words_retries_them_and_updates_live()
    {
        await using var s = await NcmecScenario.StartAsync(realPort: true);
        await s.ConfigureAsync(NcmecEnvironment.Production);
        s.Tipline.AddFault(FakeCyberTipFault.Fail("/fileinfo", 400, 4100));
        var failedId = await s.SubmitAsync(NcmecEnvironment.Test, s.Request(media: 1));
        await s.RunJobAsync();
        var filedId = await s.SubmitAsync(NcmecEnvironment.Production, s.Request(media: 2));
        await s.RunJobAsync();

        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), s.BaseAddress!);
        await console.GotoAsync("/account/login");
        await console.SignInAsync(NcmecScenario.ChildSafety, OrganizationBuilder.Password);
        await console.WaitForShellAsync();
        await console.GotoAsync("/ncmec");
        await console.WaitForShellAsync();
        var page = console.Page;

        await Assertions.Expect(page.GetByTestId($"ncmec-state-{failedId}")).ToHaveTextAsync("Failed");
        await Assertions.Expect(page.GetByTestId($"ncmec-error-{failedId}")).ToContainTextAsync("NCMEC refused the report. File details of a.jpg: /fileinfo: HTTP 400, responseCode 4100");
        await Assertions.Expect(page.GetByTestId($"ncmec-env-{failedId}")).ToHaveTextAsync("Test");
        await Assertions.Expect(page.GetByTestId($"ncmec-state-{filedId}")).ToHaveTextAsync("Done");
        await Assertions.Expect(page.GetByTestId($"ncmec-env-{filedId}")).ToHaveTextAsync("Production");
        await Assertions.Expect(page.GetByTestId($"ncmec-preservation-{filedId}")).ToContainTextAsync("Requested");
        await console.ScreenshotAsync("ncmec-reports-failed");

        await page.GetByTestId($"ncmec-retry-{failedId}").ClickAsync();
        await Assertions.Expect(page.GetByTestId($"ncmec-state-{failedId}")).ToHaveTextAsync("Pending");
        await s.RunJobAsync();
        await Assertions.Expect(page.GetByTestId($"ncmec-state-{failedId}")).ToHaveTextAsync("Done");
        await Assertions.Expect(page.GetByTestId($"ncmec-report-{failedId}")).Not.ToHaveTextAsync("—");
        await console.ScreenshotAsync("ncmec-reports-done");
    }
}
