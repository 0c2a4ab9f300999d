using System.Text.RegularExpressions;

namespace Coop.Domain.Common;

/// <summary>Rules for ids of configuration (policies, actions) that may come from an import rather than <see cref="Ids.New"/>.</summary>
public static partial class ConfigIds
{
    public const int MaxLength = 64;

    public static bool IsValid(string? id) => id is { Length: > 0 and <= MaxLength } && Pattern().IsMatch(id);

    [GeneratedRegex("^[A-Za-z0-9_.-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
