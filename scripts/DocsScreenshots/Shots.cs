using Microsoft.Playwright;

namespace DocsScreenshots;

/// <summary>Signs in as a demo account and saves screenshots of pages.</summary>
internal sealed class Shots(IBrowser browser, Uri baseAddress, string password, string output)
{
    public int Count { get; private set; }

    public async Task AsAsync(string email, Func<IPage, Task> work)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 768 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(baseAddress, "/account/login").ToString());
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/account/login", StringComparison.Ordinal));
        await work(page);
    }

    public async Task GotoAsync(IPage page, string path)
    {
        await page.GotoAsync(new Uri(baseAddress, path).ToString());
        await page.Locator("[data-testid=shell][data-interactive=true]").WaitForAsync();
    }

    public async Task OpenAsync(IPage page, string path, string name)
    {
        await GotoAsync(page, path);
        await SaveAsync(page, name);
    }

    public async Task SaveAsync(IPage page, string name)
    {
        // Let live data and MudBlazor's transitions settle, then wait for pictures to load.
        try
        {
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle, new() { Timeout = 5_000 });
        }
        catch (PlaywrightException)
        {
            // A picture on a host this machine cannot reach: take the page as it is.
        }

        await page.WaitForTimeoutAsync(600);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(output, name + ".png") });
        Count++;
        Console.WriteLine($"  {name}.png");
    }
}
