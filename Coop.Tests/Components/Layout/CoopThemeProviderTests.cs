using Bunit;
using Coop.Tests.Support;
using Coop.Web.Components.Layout;
using MudBlazor;

namespace Coop.Tests.Components.Layout;

[Trait("Category", "Component")]
public sealed class CoopThemeProviderTests : CoopComponentTest
{
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void It_renders_exactly_what_MudBlazors_theme_provider_renders(bool dark, bool defaultScrollbar)
    {
        var mud = Render<MudThemeProvider>(p => p.Add(x => x.Theme, CoopTheme.Theme).Add(x => x.IsDarkMode, dark).Add(x => x.DefaultScrollbar, defaultScrollbar));
        var coop = Render<CoopThemeProvider>(p => p.Add(x => x.Theme, CoopTheme.Theme).Add(x => x.IsDarkMode, dark).Add(x => x.DefaultScrollbar, defaultScrollbar));

        Assert.Contains("--mud-palette-primary:", coop.Markup, StringComparison.Ordinal);
        Assert.Equal(mud.Markup, coop.Markup);
    }

    [Fact]
    public void Circuits_share_one_style_sheet_per_theme_and_mode_and_a_mode_switch_changes_it()
    {
        var first = Render<CoopThemeProvider>(p => p.Add(x => x.Theme, CoopTheme.Theme).Add(x => x.IsDarkMode, false));
        var second = Render<CoopThemeProvider>(p => p.Add(x => x.Theme, CoopTheme.Theme).Add(x => x.IsDarkMode, false));

        Assert.Same(first.Instance.StyleSheet, second.Instance.StyleSheet);

        var light = first.Instance.StyleSheet;
        second.Render(p => p.Add(x => x.IsDarkMode, true));

        Assert.NotEqual(light, second.Instance.StyleSheet);
        Assert.Contains("--mud-palette-background: rgba(15,22,29,1);", second.Markup, StringComparison.Ordinal); // PaletteDark.Background #0F161D
        Assert.DoesNotContain("--mud-palette-background: rgba(15,22,29,1);", first.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_theme_gets_its_own_style_sheet()
    {
        var other = new MudTheme { PaletteLight = new PaletteLight { Primary = "#123456" } };

        var coop = Render<CoopThemeProvider>(p => p.Add(x => x.Theme, other));

        Assert.Contains("--mud-palette-primary: rgba(18,52,86,1);", coop.Markup, StringComparison.Ordinal);
        Assert.DoesNotContain("rgba(47,93,138,1)", coop.Markup, StringComparison.Ordinal);
    }
}
