using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Coop.Tests.Support.BrowserFixture))]

namespace Coop.Tests.Support;

/// <summary>One headless Debian Chromium for the whole run, driven by Playwright; each test gets its own context.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;
    private IBrowser? browser;

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(TestSettings.Chromium))
        {
            return;
        }

        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestSettings.Chromium,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
    }

    /// <summary>A fresh context (cookies, storage) with a sensible desktop viewport.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        Assert.SkipWhen(browser is null, $"Chromium is not installed at {TestSettings.Chromium} (./test.sh installs it).");
        var context = await browser!.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 820 } });
        // Generous limits: a passing step never waits for them, and a loaded 2-core machine must not turn a slow step into a failure.
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);
        Assertions.SetDefaultExpectTimeout(15_000);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
    }
}
