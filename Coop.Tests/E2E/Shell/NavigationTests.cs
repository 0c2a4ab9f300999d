using Coop.Domain.Authorization;
using Coop.Tests.Support;
using Coop.Tests.Support.Pages;
using Microsoft.Playwright;

namespace Coop.Tests.E2E.Shell;

/// <summary>
/// The navigation (one component rendering MudBlazor's nav markup, S4): the current area is highlighted as the moderator
/// moves around, and in a narrow window the drawer that covers the page closes when a link is followed.
/// </summary>
[Trait("Category", "E2E")]
public sealed class NavigationTests(BrowserFixture browser)
{
    [Fact]
    public async Task The_current_area_is_highlighted_and_a_covering_drawer_closes_when_a_link_is_followed()
    {
        await using var app = WebhookTestApp.Create();
        var baseAddress = app.App.StartOnRealPort();
        await OrganizationBuilder.CreateAsync(app.App, "Acme", DefaultRoles.Moderator);
        await using var context = await browser.NewContextAsync();
        var console = new ConsolePage(await context.NewPageAsync(), baseAddress);
        await console.Page.SetViewportSizeAsync(1366, 768);
        await console.GotoAsync("/account/login");
        await console.SignInAsync(OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator), OrganizationBuilder.Password);
        await console.WaitForShellAsync();

        var nav = console.Page.GetByTestId("nav");
        await Assertions.Expect(nav.Locator("a.active")).ToHaveAttributeAsync("data-testid", "nav-home");
        await nav.GetByTestId("nav-review").ClickAsync();
        await Assertions.Expect(console.Page).ToHaveURLAsync(new Uri(baseAddress, "/review").ToString());
        await Assertions.Expect(nav.Locator("a.active")).ToHaveAttributeAsync("data-testid", "nav-review");
        await Assertions.Expect(nav.GetByTestId("nav-review")).ToHaveAttributeAsync("aria-current", "page");
        await nav.GetByTestId("nav-dashboards").ClickAsync();
        await Assertions.Expect(console.Page).ToHaveURLAsync(new Uri(baseAddress, "/dashboards").ToString());
        await Assertions.Expect(nav.Locator("a.active")).ToHaveAttributeAsync("data-testid", "nav-dashboards");
        await Assertions.Expect(nav.Locator("a.active")).ToHaveCountAsync(1);

        // A narrow window: the drawer covers the page when opened and closes when a link is followed.
        await console.Page.SetViewportSizeAsync(800, 900);
        var drawer = console.Page.Locator(".mud-drawer");
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));
        await Assertions.Expect(nav.GetByTestId("nav-investigation")).Not.ToBeInViewportAsync();
        await console.Page.GetByTestId("nav-toggle").ClickAsync();
        await Assertions.Expect(nav.GetByTestId("nav-investigation")).ToBeInViewportAsync();
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--open"));
        await nav.GetByTestId("nav-investigation").ClickAsync();
        await Assertions.Expect(console.Page).ToHaveURLAsync(new Uri(baseAddress, "/investigation").ToString());
        await Assertions.Expect(drawer).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-drawer--closed"));
        await Assertions.Expect(nav.GetByTestId("nav-investigation")).Not.ToBeInViewportAsync();
        await Assertions.Expect(nav.Locator("a.active")).ToHaveAttributeAsync("data-testid", "nav-investigation");
    }
}
