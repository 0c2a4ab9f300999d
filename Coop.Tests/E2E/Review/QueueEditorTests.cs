using Coop.Domain.Authorization;
using Coop.Tests.Support;
using Coop.Tests.Support.Pages;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Review;

[Trait("Category", "E2E")]
public sealed class QueueEditorTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_lead_creates_a_queue_for_a_role_and_a_moderator_sees_it_appear_without_reloading()
    {
        await using var app = new CoopAppFactory();
        var baseAddress = app.StartOnRealPort();
        await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.ModeratorManager, DefaultRoles.Moderator);
        await using var leadContext = await browser.NewContextAsync();
        await using var moderatorContext = await browser.NewContextAsync();
        var lead = new ConsolePage(await leadContext.NewPageAsync(), baseAddress);
        var moderator = new ConsolePage(await moderatorContext.NewPageAsync(), baseAddress);
        foreach (var (console, role) in new[] { (lead, DefaultRoles.ModeratorManager), (moderator, DefaultRoles.Moderator) })
        {
            await console.GotoAsync("/account/login");
            await console.SignInAsync(OrganizationBuilder.EmailFor("Acme", role), OrganizationBuilder.Password);
            await console.WaitForShellAsync();
            await console.GotoAsync("/review");
            await console.WaitForShellAsync();
        }

        Assert.Equal(0, await moderator.Page.GetByTestId("queue-new").CountAsync());
        var page = lead.Page;
        await page.GetByTestId("queue-new").ClickAsync();
        await page.GetByTestId("queue-save").ClickAsync();
        await Assertions.Expect(page.GetByText("Name the queue")).ToBeVisibleAsync();
        await page.GetByTestId("queue-name-input").FillAsync("Harassment (senior)");
        await page.GetByTestId("queue-description").FillAsync("Threats and targeted abuse");
        await page.GetByTestId("queue-roles").ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item").GetByText("Moderator", new() { Exact = true }).ClickAsync();
        await page.GetByTestId("queue-editor").GetByText("New queue").ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        await lead.ScreenshotAsync("queue-editor", fullPage: false);
        await page.GetByTestId("queue-save").ClickAsync();

        await Assertions.Expect(page.GetByTestId("queue-editor")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByTestId("review-queues")).ToContainTextAsync("Harassment (senior)");
        await Assertions.Expect(moderator.Page.GetByTestId("review-queues")).ToContainTextAsync("Harassment (senior)");
        await moderator.ScreenshotAsync("queues-moderator", fullPage: false);
    }
}
