using System.Text;

namespace Coop.Domain.Signals.Text;

/// <summary>
/// A case-insensitive Aho–Corasick automaton over a fixed set of terms: one pass over a text finds every
/// occurrence of every term, overlapping ones included (<c>he</c>, <c>she</c> and <c>hers</c> all in
/// <c>ushers</c>), in time proportional to the text plus the matches, whatever the number of terms.
/// Terms and texts are compared after Unicode normalisation (form C) and simple invariant case folding per UTF-16
/// unit (what <see cref="StringComparison.OrdinalIgnoreCase"/> does), so the result does not depend on the
/// server's culture. Immutable once built: safe to share between threads. See docs/adr/0005-aho-corasick.md.
/// </summary>
public sealed class AhoCorasick
{
    private const int Root = 0;
    private readonly Dictionary<long, int> transitions;
    private readonly int[] fail;
    private readonly int[] output;
    private readonly int[] outputLink;
    private readonly string[] terms;
    private readonly int[] termLengths;
    private readonly int[] rootNext = new int[char.MaxValue + 1];

    public AhoCorasick(IEnumerable<string> terms)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var termList = new List<string>();
        var lengths = new List<int>();
        transitions = [];
        var outputs = new List<int> { -1 };
        var firstChild = new List<int> { -1 };
        var nextSibling = new List<int> { -1 };
        var labels = new List<char> { '\0' };
        foreach (var term in terms)
        {
            if (string.IsNullOrEmpty(term))
            {
                continue;
            }

            var folded = Normalize(term);
            var node = Root;
            foreach (var ch in folded)
            {
                var c = Fold(ch);
                if (!transitions.TryGetValue(Key(node, c), out var child))
                {
                    child = outputs.Count;
                    outputs.Add(-1);
                    labels.Add(c);
                    firstChild.Add(-1);
                    nextSibling.Add(firstChild[node]);
                    firstChild[node] = child;
                    transitions[Key(node, c)] = child;
                }

                node = child;
            }

            if (outputs[node] < 0)
            {
                outputs[node] = termList.Count;
                termList.Add(term);
                lengths.Add(folded.Length);
            }
        }

        this.terms = [.. termList];
        termLengths = [.. lengths];
        output = [.. outputs];
        fail = new int[output.Length];
        outputLink = new int[output.Length];
        Array.Fill(outputLink, -1);
        BuildFailureLinks(firstChild, nextSibling, labels);
        for (var child = firstChild[Root]; child >= 0; child = nextSibling[child])
        {
            rootNext[labels[child]] = child;
        }
    }

    /// <summary>How many distinct terms (after case folding) the automaton holds.</summary>
    public int Count => terms.Length;

    /// <summary>How many states the automaton has (for sizing notes).</summary>
    public int StateCount => output.Length;

    /// <summary>The term of the first occurrence (the one ending earliest; the longest of those ending there), or null.</summary>
    public string? FindFirst(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (terms.Length == 0)
        {
            return null;
        }

        var state = Root;
        foreach (var ch in Normalize(text))
        {
            state = Step(state, Fold(ch));
            var hit = output[state] >= 0 ? state : outputLink[state];
            if (hit >= 0)
            {
                return terms[output[hit]];
            }
        }

        return null;
    }

    /// <summary>Every occurrence of every term, by end position (positions are in the normalised text).</summary>
    public IReadOnlyList<AhoCorasickMatch> FindAll(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var matches = new List<AhoCorasickMatch>();
        if (terms.Length == 0)
        {
            return matches;
        }

        var normalized = Normalize(text);
        var state = Root;
        for (var i = 0; i < normalized.Length; i++)
        {
            state = Step(state, Fold(normalized[i]));
            for (var hit = output[state] >= 0 ? state : outputLink[state]; hit >= 0; hit = outputLink[hit])
            {
                var term = output[hit];
                matches.Add(new AhoCorasickMatch(i + 1 - termLengths[term], terms[term]));
            }
        }

        return matches;
    }

    private static char Fold(char c) => char.ToUpperInvariant(c);

    private static string Normalize(string s) => s.IsNormalized(NormalizationForm.FormC) ? s : s.Normalize(NormalizationForm.FormC);

    private static long Key(int node, char c) => ((long)node << 16) | c;

    private int Step(int state, char c)
    {
        while (true)
        {
            if (state == Root)
            {
                return rootNext[c];
            }

            if (transitions.TryGetValue(Key(state, c), out var next))
            {
                return next;
            }

            state = fail[state];
        }
    }

    private void BuildFailureLinks(List<int> firstChild, List<int> nextSibling, List<char> labels)
    {
        var queue = new Queue<int>();
        for (var child = firstChild[Root]; child >= 0; child = nextSibling[child])
        {
            fail[child] = Root;
            queue.Enqueue(child);
        }

        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            for (var child = firstChild[node]; child >= 0; child = nextSibling[child])
            {
                var c = labels[child];
                var f = fail[node];
                int target;
                while (!transitions.TryGetValue(Key(f, c), out target) && f != Root)
                {
                    f = fail[f];
                }

                fail[child] = transitions.TryGetValue(Key(f, c), out target) && target != child ? target : Root;
                var via = fail[child];
                outputLink[child] = output[via] >= 0 ? via : outputLink[via];
                queue.Enqueue(child);
            }
        }
    }
}

/// <summary>One occurrence: where it starts in the (normalised) text and the term as it was given.</summary>
public readonly record struct AhoCorasickMatch(int Start, string Term);
