namespace Coop.Web.Components.Shared;

/// <summary>A keyboard shortcut: the key as the browser names it (<c>a</c>, <c>ArrowDown</c>, <c>ctrl+enter</c>), what it does, and how help describes it.</summary>
public sealed record Hotkey(string Key, string Description, Func<Task> Run)
{
    /// <summary>The key as the help overlay shows it.</summary>
    public string Label => Key switch
    {
        "ctrl+enter" => "Ctrl + Enter",
        "Escape" => "Esc",
        " " => "Space",
        _ => Key,
    };
}
