using DocsScreenshots;
using Microsoft.Playwright;

// Usage: DocsScreenshots <base address> <demo password> <output directory> [chromium path]
// Signs in as the demo accounts and saves 1366x768 PNGs of the pages the docs show.
if (args.Length < 3)
{
    Console.Error.WriteLine("Usage: DocsScreenshots <base address> <demo password> <output directory> [chromium path]");
    return 2;
}

var baseAddress = new Uri(args[0]);
var password = args[1];
var output = Directory.CreateDirectory(args[2]).FullName;
var chromium = args.Length > 3 ? args[3] : "/usr/bin/chromium";

using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
{
    ExecutablePath = chromium,
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage"],
});

var shots = new Shots(browser, baseAddress, password, output);

// Moderator: the queues, a reported post, the keyboard help, an appeal.
await shots.AsAsync("moderator@demo.coop", async page =>
{
    await shots.OpenAsync(page, "/review", "review-queues");
    await StartReviewingAsync(page, "Reports");
    await page.GetByTestId("job-view").WaitForAsync();
    await shots.SaveAsync(page, "review-job");
    await page.Keyboard.PressAsync("?");
    await page.GetByTestId("hotkeys-help").WaitForAsync();
    await shots.SaveAsync(page, "keyboard-help");
    await page.Keyboard.PressAsync("Escape");
    await page.GetByTestId("work-release").ClickAsync();

    await shots.GotoAsync(page, "/review");
    await StartReviewingAsync(page, "Appeals");
    await page.GetByTestId("job-appeal").WaitForAsync();
    await shots.SaveAsync(page, "appeal-job");
    await page.GetByTestId("work-release").ClickAsync();
});

// Moderator manager: dashboards and investigation.
await shots.AsAsync("lead@demo.coop", async page =>
{
    await shots.OpenAsync(page, "/dashboards", "dashboards");
    await shots.OpenAsync(page, "/investigation/items/demo-post/post-1001", "investigation");
});

// Rules manager: the rule editor.
await shots.AsAsync("rules@demo.coop", async page => await shots.OpenAsync(page, "/rules/new", "rules-editor"));

// Admin: configuration pages.
await shots.AsAsync("admin@demo.coop", async page =>
{
    await shots.OpenAsync(page, "/item-types", "item-types");
    await shots.OpenAsync(page, "/policies", "policies");
    await shots.OpenAsync(page, "/review/routing", "routing");
    await shots.OpenAsync(page, "/settings/roles", "settings-roles");
});

Console.WriteLine($"Saved {shots.Count} screenshots in {output}");
return 0;

static async Task StartReviewingAsync(IPage page, string queueName)
{
    var card = page.GetByTestId("review-queues").Locator("[data-testid^=queue-]")
        .Filter(new() { Has = page.GetByTestId("queue-name").GetByText(queueName, new() { Exact = true }) }).First;
    await card.Locator("[data-testid^=queue-start-]").ClickAsync();
}
