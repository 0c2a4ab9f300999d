using System.Text.RegularExpressions;
using Coop.Domain.Rules.TextBanks;
using Coop.Domain.Signals.Text;

namespace Coop.Web.Features.Rules.TextBanks;

/// <summary>
/// A text bank ready to match: an Aho–Corasick automaton over a bank of strings (and, built on first use, one over
/// the entries' variant forms), or the compiled regular expressions of a regex bank. Immutable apart from the lazy
/// variant index; shared by every signal run.
/// </summary>
public sealed class TextBankMatcher
{
    private readonly Lazy<VariantMatcher> variants;

    public TextBankMatcher(string id, string organizationId, string name, TextBankKind kind, DateTime version, IReadOnlyList<string> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Id = id;
        OrganizationId = organizationId;
        Name = name;
        Kind = kind;
        Version = version;
        Count = entries.Count;
        if (kind == TextBankKind.Strings)
        {
            Strings = new AhoCorasick(entries);
            Regexes = [];
        }
        else
        {
            Regexes = [.. entries.Select(RegexCache.CreateForBank).OfType<Regex>()];
        }

        variants = new Lazy<VariantMatcher>(() => new VariantMatcher(entries), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Id { get; }

    public string OrganizationId { get; }

    public string Name { get; }

    public TextBankKind Kind { get; }

    public DateTime Version { get; }

    public int Count { get; }

    /// <summary>The automaton of a bank of strings (null for a regex bank).</summary>
    public AhoCorasick? Strings { get; }

    /// <summary>The expressions of a regex bank (empty for a bank of strings).</summary>
    public IReadOnlyList<Regex> Regexes { get; }

    /// <summary>The variant-tolerant index of the entries (built on first use).</summary>
    public VariantMatcher Variants => variants.Value;
}
