using Coop.Domain.Authorization;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Tests.Support.Pages;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Integrations;

[Trait("Category", "E2E")]
public sealed class IntegrationsPageTests(BrowserFixture browser)
{
    private const string Secret = "sk-e2e-secret-value-42";

    [Fact]
    public async Task An_admin_saves_the_OpenAI_settings_sees_the_key_only_as_set_and_tests_a_sample()
    {
        await using var classifier = await FakeClassifier.StartAsync();
        classifier.ApiKey = Secret;
        classifier.Words["despicable"] = new() { ["hate"] = 0.93 };
        await using var app = new CoopAppFactory(new Dictionary<string, string?> { ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8" });
        var baseAddress = app.StartOnRealPort();
        await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin);

        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        await console.GotoAsync("/account/login");
        await console.SignInAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin), OrganizationBuilder.Password);
        await console.WaitForShellAsync();
        await console.GotoAsync("/settings/integrations");
        await console.WaitForShellAsync();
        var page = console.Page;
        const string card = "integration-openai.moderation";

        await Assertions.Expect(page.GetByTestId($"{card}-status")).ToHaveTextAsync("Not configured");
        await page.GetByTestId($"{card}-field-endpoint").FillAsync(classifier.BaseAddress.ToString());
        await page.GetByTestId($"{card}-field-apiKey").FillAsync(Secret);
        await page.GetByTestId($"{card}-save").ClickAsync();
        await Assertions.Expect(page.GetByTestId($"{card}-secret-state-apiKey")).ToHaveTextAsync("set");
        await Assertions.Expect(page.GetByTestId($"{card}-status")).ToHaveTextAsync("Configured");

        await page.GetByTestId($"{card}-test-text").FillAsync("a despicable remark");
        await page.GetByTestId($"{card}-test-run").ClickAsync();
        await Assertions.Expect(page.GetByTestId($"{card}-test-result")).ToHaveTextAsync("Score 0.93 (hate)");
        await console.ScreenshotAsync("settings-integrations");

        Assert.DoesNotContain(Secret, await page.ContentAsync(), StringComparison.Ordinal);
        await page.ReloadAsync();
        await console.WaitForShellAsync();
        await Assertions.Expect(page.GetByTestId($"{card}-secret-state-apiKey")).ToHaveTextAsync("set");
        Assert.DoesNotContain(Secret, await page.ContentAsync(), StringComparison.Ordinal);
        var call = Assert.Single(classifier.Calls);
        Assert.Equal($"Bearer {Secret}", call.Headers["Authorization"]);
    }
}
