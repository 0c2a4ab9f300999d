using System.Collections.Concurrent;
using Coop.Domain.Authorization;
using Coop.Tests.Support;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Hosting;

/// <summary>
/// The console works in Chromium under its Content-Security-Policy: signing in, the interactive shell, and pages that
/// use JavaScript modules (dashboards read the browser's time zone) run without a single CSP violation.
/// </summary>
[Trait("Category", "E2E")]
public sealed class ContentSecurityPolicyTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_console_runs_under_its_csp_without_violations()
    {
        var violations = new ConcurrentQueue<string>();
        await using var session = await ConsoleSession.StartAsync(browser, DefaultRoles.Admin);
        var page = session.Console.Page;
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.OrdinalIgnoreCase))
            {
                violations.Enqueue(message.Text);
            }
        };

        foreach (var path in new[] { "/review", "/dashboards/charts", "/settings", "/actions" })
        {
            await session.Console.GotoAsync(path);
            await session.Console.WaitForShellAsync();
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        }

        await session.Console.ScreenshotAsync("csp-actions");
        await session.Console.GotoAsync("/dashboards/charts");
        await session.Console.WaitForShellAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await session.Console.ScreenshotAsync("csp-dashboard-charts");
        var policy = await page.EvaluateAsync<bool>("() => typeof window.Blazor === 'object'");

        Assert.True(policy, "blazor.web.js did not load");
        Assert.Empty(violations);
    }
}
