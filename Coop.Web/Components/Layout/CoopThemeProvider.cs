using System.Collections.Concurrent;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using MudBlazor;

namespace Coop.Web.Components.Layout;

/// <summary>
/// MudBlazor's theme provider, rendering the same markup, with one shared copy of each theme style sheet. MudThemeProvider
/// builds its style sheet (about 12,000 characters of CSS variables) on every render, and each circuit's render tree keeps the
/// current and the previous copy: 46 KB of identical strings per open console tab, the largest single item in a moderator's
/// circuit after the component tree itself (S4, gcdump of 50 circuits). The sheet is still built by MudBlazor on each render
/// (so it follows the theme and the mode exactly as MudBlazor tracks them); what the render tree keeps is the shared copy.
/// </summary>
public sealed class CoopThemeProvider : MudThemeProvider
{
    private const string ChartStyle = "<style>\n    .mud-chart-serie:hover {\n        filter: url(#lighten);\n    }\n\n    .mud-chart-serie-hovered \n    {\n        filter: url(#lighten);\n    }\n</style>\n\n";

    /// <summary>A few themes times two modes; a bound keeps a process that builds themes on the fly from growing this.</summary>
    private const int MostSheets = 32;

    private static readonly string Scrollbar = BuildMudBlazorScrollbar();
    private static readonly ConcurrentDictionary<string, string> Sheets = new(StringComparer.Ordinal);

    /// <summary>The style sheet for the current theme and mode: the process's shared copy of what MudBlazor builds.</summary>
    internal string StyleSheet => Shared(BuildTheme());

    private static string Shared(string sheet)
    {
        if (Sheets.TryGetValue(sheet, out var shared))
        {
            return shared;
        }

        return Sheets.Count < MostSheets ? Sheets.GetOrAdd(sheet, sheet) : sheet;
    }

    protected override void BuildRenderTree(RenderTreeBuilder __builder)
    {
        // The same frames, in the same order and with the same sequence numbers, as MudThemeProvider.razor (MudBlazor 9).
        if (!DefaultScrollbar)
        {
            __builder.AddContent(0, new MarkupString(Scrollbar));
        }

        __builder.AddMarkupContent(1, ChartStyle);
        __builder.AddContent(2, new MarkupString(StyleSheet));
    }
}
