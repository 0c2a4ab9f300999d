using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Coop.Domain.Rules.TextBanks;
using Coop.Domain.Signals;
using Coop.Domain.Signals.Text;
using Coop.Web.Features.Rules.TextBanks;

namespace Coop.Web.Features.Rules.Signals.Builtin;

/// <summary>
/// What the text signals share: loading a condition's text banks (of the caller's organization only), the
/// automata for inline strings (cached, bounded) and timeout-protected regular expression matching.
/// </summary>
internal static class TextMatching
{
    public const string NoMatchingValues = "Matching values were required, but none were found, or bank was empty.";

    /// <summary>Regex matching over all of a condition's patterns stops after this long (each pattern also has its own timeout).</summary>
    public static readonly TimeSpan RegexBudget = TimeSpan.FromSeconds(1);

    private const int InlineCapacity = 1_000;
    private static readonly ConcurrentDictionary<string, AhoCorasick> InlineAutomata = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, VariantMatcher> InlineVariants = new(StringComparer.Ordinal);

    public static readonly IReadOnlyList<SignalValueKind> TextInputs = [SignalValueKind.Text];

    /// <summary>The banks the request names, or an error naming the first one missing or of the wrong kind.</summary>
    public static async ValueTask<(List<TextBankMatcher> Banks, string? Error)> LoadBanksAsync(
        TextBankMatcherCache cache, SignalRequest request, TextBankKind kind, CancellationToken cancellationToken)
    {
        var banks = new List<TextBankMatcher>();
        foreach (var id in request.BankIds.Distinct(StringComparer.Ordinal))
        {
            var bank = await cache.GetAsync(request.OrganizationId, id, cancellationToken);
            if (bank is null)
            {
                return (banks, $"The text bank '{id}' does not exist (it may have been deleted).");
            }

            if (bank.Kind != kind)
            {
                return (banks, kind == TextBankKind.Regex
                    ? $"The text bank '{bank.Name}' holds words, not regular expressions: use it with a text contains signal."
                    : $"The text bank '{bank.Name}' holds regular expressions: use it with a regex signal.");
            }

            banks.Add(bank);
        }

        var strings = request.Strings.Any(s => !string.IsNullOrEmpty(s));
        return strings || banks.Any(b => b.Count > 0) ? (banks, null) : (banks, NoMatchingValues);
    }

    /// <summary>The first inline string or bank entry that the value contains (ignoring case), or null.</summary>
    public static string? FindContained(SignalRequest request, IReadOnlyList<TextBankMatcher> banks)
    {
        if (Inline(request.Strings) is { } inline && inline.FindFirst(request.Value) is { } found)
        {
            return found;
        }

        return banks.Select(b => b.Strings?.FindFirst(request.Value)).FirstOrDefault(m => m is not null);
    }

    /// <summary>The first inline string or bank entry a variant of which starts a word of the value, or null.</summary>
    public static string? FindVariant(SignalRequest request, IReadOnlyList<TextBankMatcher> banks)
    {
        var strings = request.Strings.Where(s => !string.IsNullOrWhiteSpace(s)).ToList();
        if (strings.Count > 0)
        {
            var key = string.Join('\u001e', strings);
            Bound(InlineVariants);
            if (InlineVariants.GetOrAdd(key, _ => new VariantMatcher(strings)).FindFirst(request.Value) is { } found)
            {
                return found;
            }
        }

        return banks.Select(b => b.Variants.FindFirst(request.Value)).FirstOrDefault(m => m is not null);
    }

    /// <summary>
    /// Whether any inline pattern or bank expression matches the value: (true, pattern) on the first match,
    /// (false, null) when none does, or a failure when a pattern is invalid or matching timed out.
    /// </summary>
    public static SignalResult MatchRegexes(SignalRequest request, IReadOnlyList<TextBankMatcher> banks, Func<bool, string?, SignalResult> result)
    {
        var inline = new List<Regex>();
        foreach (var pattern in request.Strings.Where(s => !string.IsNullOrEmpty(s)))
        {
            if (RegexCache.Get(pattern) is not { } regex)
            {
                return SignalResult.Failed($"'{Shorten(pattern)}' is not a valid regular expression.");
            }

            inline.Add(regex);
        }

        var clock = Stopwatch.StartNew();
        foreach (var regex in inline.Concat(banks.SelectMany(b => b.Regexes)))
        {
            try
            {
                if (regex.IsMatch(request.Value))
                {
                    return result(true, regex.ToString());
                }
            }
            catch (RegexMatchTimeoutException)
            {
                return SignalResult.Failed(
                    $"The regular expression '{Shorten(regex.ToString())}' timed out after {RegexCache.MatchTimeout.TotalMilliseconds:0} ms.");
            }

            if (clock.Elapsed > RegexBudget)
            {
                return SignalResult.Failed($"Regular expression matching timed out: it took over {RegexBudget.TotalSeconds:0} s in all.");
            }
        }

        return result(false, null);
    }

    private static AhoCorasick? Inline(IReadOnlyList<string> strings)
    {
        if (!strings.Any(s => !string.IsNullOrEmpty(s)))
        {
            return null;
        }

        Bound(InlineAutomata);
        return InlineAutomata.GetOrAdd(string.Join('\u001e', strings), _ => new AhoCorasick(strings.Select(s => s.Trim())));
    }

    private static void Bound<T>(ConcurrentDictionary<string, T> cache)
    {
        if (cache.Count >= InlineCapacity)
        {
            cache.Clear();
        }
    }

    private static string Shorten(string value) => value.Length > 80 ? value[..80] + "…" : value;
}
