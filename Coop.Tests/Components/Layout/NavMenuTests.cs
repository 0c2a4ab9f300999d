using Bunit;
using Coop.Domain.Authorization;
using Coop.Tests.Support;
using Coop.Web.Components.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

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

    [Theory]
    [InlineData("")]
    [InlineData("review/queues/q1/work")]
    [InlineData("rules/banks/text")]
    [InlineData("settings?tab=roles")]
    public void It_renders_exactly_what_MudBlazors_nav_menu_with_a_nav_link_per_area_renders(string location)
    {
        SignInWith([.. Permissions.All]);
        Services.GetRequiredService<NavigationManager>().NavigateTo(location);

        var coop = Render<NavMenu>();
        var mud = Render<MudNavMenu>(menu => menu.AddUnmatched("data-testid", "nav").AddChildContent(builder =>
        {
            foreach (var (key, title, href, icon, match) in new[] { ("home", "Home", "/", Icons.Material.Filled.Home, NavLinkMatch.All) }
                .Concat(ConsoleAreas.All.Select(a => (a.Key, a.Title, a.Href, a.Icon, NavLinkMatch.Prefix))))
            {
                builder.OpenComponent<MudNavLink>(0);
                builder.AddComponentParameter(1, nameof(MudNavLink.Href), href);
                builder.AddComponentParameter(2, nameof(MudNavLink.Icon), icon);
                builder.AddComponentParameter(3, nameof(MudNavLink.Match), match);
                builder.AddAttribute(4, "data-testid", $"nav-{key}");
                builder.AddComponentParameter(5, nameof(MudNavLink.ChildContent), (RenderFragment)(b => b.AddContent(0, title)));
                builder.CloseComponent();
            }
        }));

        Assert.Contains("active", coop.Markup, StringComparison.Ordinal);
        Assert.Equal(Normalize(mud.Markup), Normalize(coop.Markup));
    }

    [Fact]
    public void The_current_area_is_highlighted_and_follows_navigation()
    {
        SignInWith([.. Permissions.All]);
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("review/queues/q1/work");

        var nav = Render<NavMenu>();

        Assert.Equal(["nav-review"], Active(nav));
        navigation.NavigateTo("/dashboards?window=week");
        nav.WaitForAssertion(() => Assert.Equal(["nav-dashboards"], Active(nav)));
        navigation.NavigateTo("/");
        nav.WaitForAssertion(() => Assert.Equal(["nav-home"], Active(nav)));
        navigation.NavigateTo("/reviewers"); // not under /review
        nav.WaitForAssertion(() => Assert.Empty(Active(nav)));
    }

    private static List<string?> Active(IRenderedComponent<NavMenu> nav) =>
        [.. nav.FindAll("a.active").Select(a => a.GetAttribute("data-testid"))];

    /// <summary>Whitespace between elements, Blazor's comment markers and event handler ids differ between the two; the elements and text do not.</summary>
    private static string Normalize(string markup) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(markup.Replace("<!--!-->", string.Empty, StringComparison.Ordinal), @">\s+<", "><"),
            @"blazor:onclick=""\d+""", "blazor:onclick").Trim();
}
