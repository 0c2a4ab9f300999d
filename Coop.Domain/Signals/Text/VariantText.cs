using System.Globalization;
using System.Text;

namespace Coop.Domain.Signals.Text;

/// <summary>
/// Folds text for the "contains variant" signal: Unicode compatibility decomposition without accents, lower case,
/// look-alike characters replaced by the letter they imitate (<c>$</c>→s, <c>3</c>→e, <c>0</c>→o, <c>|</c>→l,
/// Cyrillic <c>а</c>→a…), and runs of one letter collapsed to one (so <c>hello</c>, <c>h3||0</c> and
/// <c>helllllloooo</c> all fold to <c>helo</c>). <c>1</c> and <c>!</c> may stand for i or l, so a text folds two ways.
/// </summary>
public static class VariantText
{
    private static readonly Dictionary<char, char> LookAlikes = new()
    {
        ['0'] = 'o', ['3'] = 'e', ['4'] = 'a', ['@'] = 'a', ['5'] = 's', ['$'] = 's', ['7'] = 't', ['+'] = 't',
        ['8'] = 'b', ['9'] = 'g', ['6'] = 'g', ['|'] = 'l', ['€'] = 'e', ['£'] = 'l', ['¢'] = 'c',
        ['а'] = 'a', ['е'] = 'e', ['о'] = 'o', ['р'] = 'p', ['с'] = 'c', ['у'] = 'y', ['х'] = 'x', ['і'] = 'i',
        ['ѕ'] = 's', ['ј'] = 'j', ['ԁ'] = 'd', ['к'] = 'k', ['м'] = 'm', ['т'] = 't', ['в'] = 'b', ['н'] = 'h',
        ['ο'] = 'o', ['α'] = 'a', ['ν'] = 'v', ['ι'] = 'i', ['κ'] = 'k', ['ρ'] = 'p', ['τ'] = 't', ['υ'] = 'u', ['ε'] = 'e',
    };

    /// <summary>The folded forms of <paramref name="text"/>: with 1 and ! read as i, and (when they occur) as l.</summary>
    public static IReadOnlyList<string> Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var asI = Fold(text, 'i');
        return text.AsSpan().IndexOfAny('1', '!') < 0 ? [asI] : [asI, Fold(text, 'l')];
    }

    /// <summary>One folded form, reading 1 and ! as <paramref name="one"/>.</summary>
    public static string Fold(string text, char one)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var raw in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(raw) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            var c = char.ToLowerInvariant(raw);
            c = c is '1' or '!' ? one : LookAlikes.GetValueOrDefault(c, c);
            if (builder.Length > 0 && builder[^1] == c && char.IsLetter(c))
            {
                continue;
            }

            builder.Append(c);
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>Whether position <paramref name="start"/> of a folded text begins a word.</summary>
    public static bool IsWordStart(string folded, int start)
    {
        ArgumentNullException.ThrowIfNull(folded);
        return start == 0 || !char.IsLetterOrDigit(folded[start - 1]);
    }
}
