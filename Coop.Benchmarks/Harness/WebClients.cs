using System.Globalization;
using System.Net;
using System.Runtime;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Coop.Benchmarks.Harness;

/// <summary>Signs reviewers in through the console's real sign-in form (antiforgery token and all) and keeps their cookies.</summary>
public static partial class SignIn
{
    /// <summary>The cookies of a signed-in session of <paramref name="email"/>; throws when the sign-in is refused.</summary>
    public static async Task<CookieContainer> CookiesAsync(Uri baseAddress, string email, string password, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false, UseProxy = false };
        using var client = new HttpClient(handler) { BaseAddress = baseAddress };
        var page = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative), cancellationToken);
        var form = new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = Token().Match(page).Groups[1].Value,
            [FieldName(page, "login-email")] = email,
            [FieldName(page, "login-password")] = password,
        };
        using var content = new FormUrlEncodedContent(form);
        using var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), content, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {email} failed: {(int)response.StatusCode}.");
        }

        return cookies;
    }

    private static string FieldName(string page, string testId)
    {
        var input = Regex.Match(page, $"<input[^>]*data-testid=\"{testId}\"[^>]*>").Value;
        return Regex.Match(input, "name=\"([^\"]+)\"").Groups[1].Value;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex Token();
}

/// <summary>One headless Chromium (Debian's, <c>/usr/bin/chromium</c> or <c>COOP_CHROMIUM</c>) driven by Playwright; one context per session.</summary>
public sealed class BenchmarkBrowser : IAsyncDisposable
{
    private readonly IPlaywright playwright;

    private BenchmarkBrowser(IPlaywright playwright, IBrowser browser)
    {
        this.playwright = playwright;
        Browser = browser;
    }

    public IBrowser Browser { get; }

    public static string Executable => Environment.GetEnvironmentVariable("COOP_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<BenchmarkBrowser> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
                // Many tabs stay open and in the background: keep their timers and rendering running.
                "--disable-background-timer-throttling", "--disable-renderer-backgrounding", "--disable-backgrounding-occluded-windows",
            ],
        });
        return new BenchmarkBrowser(playwright, browser);
    }

    /// <summary>A fresh context, carrying <paramref name="cookies"/> (a signed-in session) for <paramref name="baseAddress"/> when given.</summary>
    public async Task<IBrowserContext> ContextAsync(Uri baseAddress, CookieContainer? cookies = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1366, Height = 820 } });
        context.SetDefaultTimeout(60_000);
        context.SetDefaultNavigationTimeout(60_000);
        if (cookies is not null)
        {
            await context.AddCookiesAsync(cookies.GetAllCookies().Select(c => new Microsoft.Playwright.Cookie
            {
                Name = c.Name,
                Value = c.Value,
                Url = baseAddress.GetLeftPart(UriPartial.Authority),
                HttpOnly = c.HttpOnly,
            }));
        }

        return context;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
    }
}

/// <summary>Resident memory (VmRSS) and managed heap, read after a forced, compacting full collection.</summary>
public static class ProcessMemory
{
    public static (long Rss, long Heap) Settled()
    {
        GCSettings.LargeObjectHeapCompactionMode = GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return (Rss(Environment.ProcessId), GC.GetTotalMemory(false));
    }

    /// <summary>VmRSS of a process, in bytes (Linux).</summary>
    public static long Rss(int processId)
    {
        var line = File.ReadAllLines($"/proc/{processId}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>A percentile of <paramref name="values"/> (nearest rank); NaN when there are none.</summary>
    public static double Percentile(IReadOnlyCollection<double> values, double p) =>
        new LoadResult(values.Count, 0, TimeSpan.FromSeconds(1), [.. values]).Percentile(p);
}
