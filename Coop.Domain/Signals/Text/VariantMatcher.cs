namespace Coop.Domain.Signals.Text;

/// <summary>
/// Finds words of a list in a text the way the "contains variant" signal does: both are folded by
/// <see cref="VariantText"/> and matched with an <see cref="AhoCorasick"/> automaton; an occurrence counts only
/// where it starts a word. The term is reported as it was given. Immutable: safe to share between threads.
/// </summary>
public sealed class VariantMatcher
{
    private readonly AhoCorasick automaton;
    private readonly Dictionary<string, string> originals = new(StringComparer.OrdinalIgnoreCase);

    public VariantMatcher(IEnumerable<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        foreach (var term in terms)
        {
            var folded = VariantText.Fold(term, 'i');
            if (folded.Trim().Length > 0)
            {
                originals.TryAdd(folded, term);
            }
        }

        automaton = new AhoCorasick(originals.Keys);
    }

    /// <summary>The first given term a variant of which starts a word of <paramref name="text"/>, or null.</summary>
    public string? FindFirst(string text)
    {
        foreach (var folded in VariantText.Fold(text))
        {
            foreach (var match in automaton.FindAll(folded))
            {
                if (VariantText.IsWordStart(folded, match.Start))
                {
                    return originals[match.Term];
                }
            }
        }

        return null;
    }
}
