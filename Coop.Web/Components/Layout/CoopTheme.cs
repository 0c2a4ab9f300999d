using MudBlazor;

namespace Coop.Web.Components.Layout;

/// <summary>The console's palette: calm, high-contrast colours for long review sessions.</summary>
public static class CoopTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#2F5D8A",
            Secondary = "#5E7D4F",
            AppbarBackground = "#1F3B57",
            Background = "#F5F7FA",
            DrawerBackground = "#FFFFFF",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7FB0E0",
            Secondary = "#9CC08A",
            AppbarBackground = "#16212C",
            Background = "#0F161D",
            DrawerBackground = "#16212C",
            Surface = "#1B2733",
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "232px" },
    };
}
