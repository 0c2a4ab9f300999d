using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Routing;
using MudBlazor;
using MudBlazor.Interfaces;

namespace Coop.Web.Components.Layout;

/// <summary>The navigation: Home and every area the signed-in user's permissions open, the current one highlighted.</summary>
public sealed partial class NavMenu : IHandleEvent
{
    private static readonly NavEntry Home = new("home", "Home", "/", Icons.Material.Filled.Home, NavLinkMatch.All);

    private IReadOnlyList<NavEntry> links = [Home];
    private string path = "/";

    [CascadingParameter]
    private Task<AuthenticationState>? AuthenticationState { get; set; }

    /// <summary>The drawer: it closes on a link's click when it covers the page (a narrow window), as it does for MudNavLink.</summary>
    [CascadingParameter]
    private INavigationEventReceiver? NavigationEventReceiver { get; set; }

    protected override void OnInitialized()
    {
        path = PathOf(Navigation.Uri);
        Navigation.LocationChanged += OnLocationChanged;
    }

    protected override async Task OnParametersSetAsync()
    {
        var user = AuthenticationState is null ? new ClaimsPrincipal() : (await AuthenticationState).User;
        links = [Home, .. ConsoleAreas.All.Select(a => a.HrefFor(user) is { } href ? new NavEntry(a.Key, a.Title, href, a.Icon, NavLinkMatch.Prefix) : null).OfType<NavEntry>()];
    }

    public void Dispose() => Navigation.LocationChanged -= OnLocationChanged;

    /// <summary>A click needs no render of its own: the navigation it starts re-renders what changes (<see cref="OnLocationChanged"/>).</summary>
    Task IHandleEvent.HandleEventAsync(EventCallbackWorkItem item, object? arg) => item.InvokeAsync(arg);

    private Task OnNavigationAsync() => NavigationEventReceiver?.OnNavigation() ?? Task.CompletedTask;

    private void OnLocationChanged(object? sender, LocationChangedEventArgs e)
    {
        var previous = path;
        path = PathOf(e.Location);
        if (links.Any(l => IsActive(l, previous) != IsActive(l, path)))
        {
            _ = InvokeAsync(StateHasChanged);
        }
    }

    private bool IsActive(NavEntry link) => IsActive(link, path);

    /// <summary>Blazor's <c>NavLink</c> rule: the whole path for Home; otherwise the link's path or a path under it.</summary>
    internal static bool IsActive(NavEntry link, string path)
    {
        var href = link.Href.TrimEnd('/');
        var current = path.TrimEnd('/');
        if (link.Match == NavLinkMatch.All || href.Length == 0)
        {
            return string.Equals(href, current, StringComparison.OrdinalIgnoreCase);
        }

        return current.StartsWith(href, StringComparison.OrdinalIgnoreCase) && (current.Length == href.Length || current[href.Length] == '/');
    }

    /// <summary>The path of an absolute URI in the console, without its query and fragment.</summary>
    private string PathOf(string uri)
    {
        var relative = "/" + Navigation.ToBaseRelativePath(uri);
        var end = relative.IndexOfAny(['?', '#']);
        return end < 0 ? relative : relative[..end];
    }

    internal sealed record NavEntry(string Key, string Title, string Href, string Icon, NavLinkMatch Match);
}
