using Coop.Domain.Authorization;
using Coop.Tests.Support;
using Coop.Tests.Support.Pages;
using Coop.Web.Features.Administration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Coop.Tests.E2E;

[Trait("Category", "E2E")]
public sealed class FirstRunAndSignInTests(BrowserFixture browser)
{
    [Fact]
    public async Task First_run_setup_then_sign_out_and_back_in_reaches_the_shell()
    {
        await using var app = new CoopAppFactory();
        var baseAddress = app.StartOnRealPort();
        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);

        await console.GotoAsync("/");
        Assert.Equal("/setup", console.Path);

        var code = app.Services.GetRequiredService<FirstRunState>().SetupCode;
        await console.SetUpAsync("WRONG-CODE-0000", "Acme Trust & Safety", "Grace Hopper", "grace@acme.example", "a long admin password");
        await Assertions.Expect(console.Page.GetByText("The setup code is wrong.", new() { Exact = false })).ToBeVisibleAsync();
        Assert.Equal("/setup", console.Path);

        await console.SetUpAsync(code, "Acme Trust & Safety", "Grace Hopper", "grace@acme.example", "a long admin password", "a different password");
        await Assertions.Expect(console.Page.GetByText("The passwords do not match.")).ToBeVisibleAsync();
        await Assertions.Expect(console.Page.GetByTestId("setup-password")).ToHaveValueAsync(string.Empty);
        await console.ScreenshotAsync("setup-validation");

        await console.SetUpAsync(code, "Acme Trust & Safety", "Grace Hopper", "grace@acme.example", "a long admin password");
        await console.WaitForShellAsync();
        Assert.Equal("/", console.Path);
        await Assertions.Expect(console.Page.GetByTestId("home-title")).ToHaveTextAsync("Welcome, Grace Hopper");
        await Assertions.Expect(console.Page.GetByTestId("nav-settings")).ToBeVisibleAsync();
        await console.ScreenshotAsync("home-admin");

        await console.SignOutAsync();
        await Assertions.Expect(console.Page.GetByTestId("signed-out")).ToBeVisibleAsync();
        Assert.Equal("/account/login", console.Path);

        await console.GotoAsync("/setup");
        Assert.Equal("/account/login", console.Path);

        await console.SignInAsync("grace@acme.example", "wrong password!");
        await Assertions.Expect(console.Page.GetByTestId("login-error")).ToHaveTextAsync("The email or password is wrong.");
        await console.ScreenshotAsync("login-error");

        await console.SignInAsync("grace@acme.example", "a long admin password");
        await console.WaitForShellAsync();
        await Assertions.Expect(console.Page.GetByTestId("home-title")).ToHaveTextAsync("Welcome, Grace Hopper");

        await console.Page.GetByTestId("nav-settings").ClickAsync();
        await Assertions.Expect(console.Page.GetByTestId("settings-org-name")).ToHaveTextAsync("Acme Trust & Safety");
        await Assertions.Expect(console.Page.GetByTestId($"perm-{DefaultRoles.Moderator}-{Permissions.ManagePolicies}"))
            .ToHaveAttributeAsync("data-granted", "true");
        await Assertions.Expect(console.Page.GetByTestId($"perm-{DefaultRoles.Moderator}-{Permissions.ManageOrg}"))
            .ToHaveAttributeAsync("data-granted", "false");
        await console.ScreenshotAsync("settings-admin");
    }

    [Fact]
    public async Task A_moderator_has_no_admin_links_and_is_refused_the_admin_page()
    {
        await using var session = await ConsoleSession.StartAsync(browser, DefaultRoles.Moderator);
        var console = session.Console;
        await Assertions.Expect(console.Page.GetByTestId("nav-review")).ToBeVisibleAsync();
        await Assertions.Expect(console.Page.GetByTestId("nav-settings")).ToHaveCountAsync(0);
        await console.ScreenshotAsync("home-moderator");

        await console.GotoAsync("/settings");
        Assert.Equal("/access-denied", console.Path);
        await Assertions.Expect(console.Page.GetByTestId("access-denied")).ToBeVisibleAsync();
        await console.ScreenshotAsync("access-denied");

        await console.Page.GetByTestId("nav-review").ClickAsync();
        await Assertions.Expect(console.Page.GetByTestId("area-review")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_theme_toggle_is_remembered_for_the_user()
    {
        await using var session = await ConsoleSession.StartAsync(browser, DefaultRoles.Admin);
        var console = session.Console;
        var toggle = console.Page.GetByTestId("theme-toggle");
        await Assertions.Expect(toggle).ToHaveAttributeAsync("aria-label", "Toggle dark theme");
        var before = await console.Page.EvaluateAsync<string>("getComputedStyle(document.body).backgroundColor");
        await toggle.ClickAsync();
        await Assertions.Expect(console.Page.Locator("body")).Not.ToHaveCSSAsync("background-color", before);
        await console.ScreenshotAsync("home-dark");

        await console.Page.ReloadAsync();
        await console.WaitForShellAsync();
        await Assertions.Expect(console.Page.Locator("body")).Not.ToHaveCSSAsync("background-color", before);
    }
}
