using Coop.Web.Application;
using Coop.Web.Features.Administration;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Coop.Web.Components.Layout;

public sealed partial class MainLayout
{
    private MudThemeProvider? themeProvider;
    private bool drawerOpen = true;
    private bool isDarkMode;
    private string? savedTheme;
    private bool interactive;

    [Inject]
    private IQueryHandler<GetThemePreferenceQuery, string?> GetTheme { get; set; } = default!;

    [Inject]
    private ICommandHandler<SetThemePreferenceCommand, string?> SetTheme { get; set; } = default!;

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || themeProvider is null)
        {
            return;
        }

        interactive = true;
        savedTheme = await GetTheme.HandleAsync(new GetThemePreferenceQuery());
        isDarkMode = savedTheme switch
        {
            "dark" => true,
            "light" => false,
            _ => await themeProvider.GetSystemDarkModeAsync(),
        };
        StateHasChanged();
    }

    private void ToggleDrawer() => drawerOpen = !drawerOpen;

    private async Task ToggleThemeAsync()
    {
        isDarkMode = !isDarkMode;
        savedTheme = await SetTheme.HandleAsync(new SetThemePreferenceCommand(isDarkMode ? "dark" : "light"));
    }
}
