namespace Coop.Domain.Common;

/// <summary>
/// Rules for ids of configuration (item types, policies, actions) that may come from an import rather than
/// <see cref="Ids.New"/>: opaque strings of 1 to <see cref="MaxLength"/> characters without whitespace or control
/// characters (Coop's documentation uses ids such as <c>your-item-type-id</c>).
/// </summary>
public static class ConfigIds
{
    public const int MaxLength = 64;

    public const string Rule = "Give an id of 1 to 64 characters without spaces.";

    public static bool IsValid(string? id) =>
        id is { Length: > 0 and <= MaxLength } && !id.Any(c => char.IsWhiteSpace(c) || char.IsControl(c));
}
