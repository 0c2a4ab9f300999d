using Bunit;
using Coop.Domain.Authorization;
using Coop.Tests.Support;
using Coop.Web.Components.Layout;

namespace Coop.Tests.Components.Layout;

[Trait("Category", "Component")]
public sealed class NavMenuTests : CoopComponentTest
{
    [Fact]
    public void A_moderator_sees_the_moderator_areas_and_not_the_admin_ones()
    {
        SignInWith([.. DefaultRoles.Get(DefaultRoles.Moderator).Permissions]);

        var nav = Render<NavMenu>();

        foreach (var key in new[] { "review", "dashboards", "investigation", "rules", "policies" })
        {
            Assert.NotNull(nav.Find($"[data-testid=nav-{key}]"));
        }

        foreach (var key in new[] { "settings", "actions", "item-types", "ncmec" })
        {
            Assert.Empty(nav.FindAll($"[data-testid=nav-{key}]"));
        }
    }

    [Fact]
    public void An_external_moderator_sees_only_home_and_review()
    {
        SignInWith(Permissions.ViewMrt);

        var nav = Render<NavMenu>();

        var links = nav.FindAll("[data-testid^=nav-]").Select(e => e.GetAttribute("data-testid")).ToList();
        Assert.Equal(["nav-home", "nav-review"], links);
    }

    [Fact]
    public void An_admin_sees_every_area_with_its_address()
    {
        SignInWith([.. Permissions.All]);

        var nav = Render<NavMenu>();

        Assert.All(ConsoleAreas.All, area =>
            Assert.Equal(area.Href, nav.Find($"[data-testid=nav-{area.Key}]").GetAttribute("href")));
    }

    [Theory]
    [InlineData(Permissions.ManageUsers, "/settings/users")]
    [InlineData(Permissions.ManageRoles, "/settings/roles")]
    public void A_role_with_only_a_settings_tab_permission_reaches_that_tab_from_the_navigation(string permission, string href)
    {
        SignInWith(Permissions.ViewMrt, permission);

        var nav = Render<NavMenu>();

        Assert.Equal(href, nav.Find("[data-testid=nav-settings]").GetAttribute("href"));
    }

    [Fact]
    public void The_settings_tabs_are_the_ones_the_permissions_open()
    {
        SignInWith(Permissions.ManageUsers, Permissions.ManageRoles);

        var tabs = Render<Coop.Web.Features.Administration.Components.SettingsTabs>(p => p.Add(t => t.Active, "users"));

        Assert.Equal(["Users", "Roles"], tabs.FindAll(".mud-tab").Select(t => t.TextContent.Trim()).ToList());
    }

    [Fact]
    public void The_child_safety_area_needs_view_child_safety_data()
    {
        SignInWith([.. DefaultRoles.Get(DefaultRoles.ChildSafetyModerator).Permissions]);

        var nav = Render<NavMenu>();

        Assert.NotNull(nav.Find("[data-testid=nav-ncmec]"));
    }
}
