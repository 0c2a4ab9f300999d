using System.Reflection;
using Coop.Web.Components.Layout;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace Coop.Tests.Unit.Application;

[Trait("Category", "Unit")]
public sealed class PageAuthorizationTests
{
    private static IEnumerable<Type> Pages() =>
        typeof(Program).Assembly.GetTypes().Where(t => t.GetCustomAttributes<RouteAttribute>().Any());

    [Fact]
    public void Every_page_declares_its_authorization()
    {
        var pages = Pages().ToList();
        Assert.True(pages.Count >= 12, "expected the console's pages to be found");
        Assert.All(pages, page => Assert.True(
            page.GetCustomAttribute<AuthorizeAttribute>() is not null || page.GetCustomAttribute<AllowAnonymousAttribute>() is not null,
            $"{page.FullName} must carry [Authorize(Policy = ...)] or [AllowAnonymous]."));
    }

    [Fact]
    public void Only_sign_in_setup_and_error_pages_are_anonymous()
    {
        var anonymous = Pages().Where(p => p.GetCustomAttribute<AllowAnonymousAttribute>() is not null)
            .Select(p => p.GetCustomAttribute<RouteAttribute>()!.Template).Order();

        // Signed-out account pages: each is guarded by a secret (invitation token, reset code, the first sign-in step) or reveals nothing.
        Assert.Equal(
            ["/account/forgot-password", "/account/invitation/{Token}", "/account/login", "/account/login-2fa", "/account/reset-password", "/error", "/not-found", "/setup"],
            anonymous);
    }

    [Fact]
    public void Each_area_page_requires_the_permission_its_navigation_entry_shows_it_for()
    {
        var pages = Pages().ToDictionary(p => p.GetCustomAttribute<RouteAttribute>()!.Template, StringComparer.Ordinal);
        Assert.All(ConsoleAreas.All, area =>
        {
            Assert.True(pages.TryGetValue(area.Href, out var page), $"no page at {area.Href}");
            Assert.Equal(area.Permission, page!.GetCustomAttribute<AuthorizeAttribute>()?.Policy);
            Assert.All(area.AlsoOpenedBy, entry =>
            {
                Assert.True(pages.TryGetValue(entry.Href, out var other), $"no page at {entry.Href}");
                Assert.Equal(entry.Permission, other!.GetCustomAttribute<AuthorizeAttribute>()?.Policy);
            });
        });
    }

    [Fact]
    public void Each_settings_tab_is_shown_for_the_permission_its_page_requires()
    {
        var pages = Pages().ToDictionary(p => p.GetCustomAttribute<RouteAttribute>()!.Template, StringComparer.Ordinal);
        var tabs = Coop.Web.Features.Administration.Components.SettingsTabs.Tabs;
        Assert.Contains(tabs, t => t.Permission != Coop.Domain.Authorization.Permissions.ManageOrg);
        Assert.All(tabs, tab =>
        {
            Assert.True(pages.TryGetValue(tab.Href, out var page), $"no page at {tab.Href}");
            Assert.Equal(tab.Permission, page!.GetCustomAttribute<AuthorizeAttribute>()?.Policy);
        });
    }
}
