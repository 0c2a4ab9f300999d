using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace Coop.Domain.Signals.Text;

/// <summary>
/// Regular expressions as text signals use them: case-insensitive, culture-invariant, and always with a match
/// timeout (<see cref="MatchTimeout"/>) so a catastrophic pattern costs at most that much per value. Inline patterns
/// are compiled once and cached (at most <see cref="Capacity"/>; the cache is emptied when full).
/// </summary>
public static class RegexCache
{
    public const int Capacity = 10_000;
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(100);
    private const RegexOptions Options = RegexOptions.IgnoreCase | RegexOptions.CultureInvariant;

    private static readonly ConcurrentDictionary<string, Regex?> Cache = new(StringComparer.Ordinal);

    /// <summary>The compiled expression for <paramref name="pattern"/>, or null when it does not parse.</summary>
    public static Regex? Get(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        if (Cache.TryGetValue(pattern, out var regex))
        {
            return regex;
        }

        if (Cache.Count >= Capacity)
        {
            Cache.Clear();
        }

        return Cache.GetOrAdd(pattern, p => Create(p, Options | RegexOptions.Compiled));
    }

    /// <summary>An expression for a bank entry: interpreted (a bank may hold thousands; compiling each would take seconds).</summary>
    public static Regex? CreateForBank(string pattern) => Create(pattern, Options);

    private static Regex? Create(string pattern, RegexOptions options)
    {
        try
        {
            return new Regex(pattern, options, MatchTimeout);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
