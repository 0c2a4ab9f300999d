using Microsoft.Playwright;

namespace Coop.Tests.Support.Pages;

/// <summary>Page object for the console: setup, sign-in, the shell and its user menu.</summary>
public sealed class ConsolePage(IPage page, Uri baseAddress)
{
    public IPage Page => page;

    /// <summary>
    /// Loads <paramref name="path"/> and, when it is a console page (the shell), waits until its circuit is interactive:
    /// a click on the prerendered page before that can be lost (a loaded machine takes seconds to start a circuit).
    /// </summary>
    public async Task GotoAsync(string path)
    {
        await page.GotoAsync(new Uri(baseAddress, path).ToString());
        if (await page.Locator("[data-testid=shell]").CountAsync() > 0)
        {
            await WaitForShellAsync();
        }
    }

    public async Task SetUpAsync(string code, string organization, string name, string email, string password, string? confirm = null)
    {
        await page.GetByTestId("setup-code").FillAsync(code);
        await page.GetByTestId("setup-organization").FillAsync(organization);
        await page.GetByTestId("setup-name").FillAsync(name);
        await page.GetByTestId("setup-email").FillAsync(email);
        await page.GetByTestId("setup-password").FillAsync(password);
        await page.GetByTestId("setup-confirm").FillAsync(confirm ?? password);
        await page.GetByTestId("setup-submit").ClickAsync();
    }

    public async Task SignInAsync(string email, string password)
    {
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
    }

    /// <summary>Waits until the shell's circuit is up, so clicks reach the server.</summary>
    public Task WaitForShellAsync() =>
        page.Locator("[data-testid=shell][data-interactive=true]").WaitForAsync();

    public async Task SignOutAsync()
    {
        await WaitForShellAsync();
        await page.GetByTestId("user-menu-button").ClickAsync();
        await page.GetByTestId("sign-out").WaitForAsync();
        await ScreenshotAsync("user-menu");
        await page.GetByTestId("sign-out").ClickAsync();
    }

    public string Path => new Uri(page.Url).AbsolutePath;

    public Task ScreenshotAsync(string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = System.IO.Path.Combine(TestSettings.ArtifactsDirectory, name + ".png"), FullPage = fullPage });
}
