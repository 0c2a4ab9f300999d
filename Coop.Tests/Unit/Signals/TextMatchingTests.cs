using System.Diagnostics;
using Coop.Domain.Rules.LocationBanks;
using Coop.Domain.Rules.TextBanks;
using Coop.Domain.Signals.Geo;
using Coop.Domain.Signals.Text;

namespace Coop.Tests.Unit.Signals;

/// <summary>The matching structures behind text and location banks: Aho–Corasick, variant folding, geohash prefixes.</summary>
public sealed class TextMatchingTests
{
    [Fact]
    public void Aho_corasick_finds_overlapping_terms_ignoring_case()
    {
        var automaton = new AhoCorasick(["he", "she", "HIS", "hers"]);

        var matches = automaton.FindAll("USHERS and his");

        Assert.Equal(
            [new(1, "she"), new(2, "he"), new(2, "hers"), new(11, "HIS")],
            matches.OrderBy(m => m.Start).ThenBy(m => m.Term.Length).ToList());
        Assert.Equal("she", automaton.FindFirst("ushers"));
        Assert.Null(automaton.FindFirst("nothing to see"));
    }

    [Fact]
    public void Aho_corasick_folds_unicode_case_and_composition_without_culture()
    {
        var automaton = new AhoCorasick(["ÉCOLE", "straße", "ΣΟΦΙΑ", "i"]);

        // A decomposed é (e + combining acute) still matches the composed term; Greek and German fold invariantly.
        Assert.Equal("ÉCOLE", automaton.FindFirst("une e\u0301cole"));
        Assert.Equal("straße", automaton.FindFirst("STRAßE 5"));
        Assert.Equal("ΣΟΦΙΑ", automaton.FindFirst("σοφια"));
        Assert.Equal("i", automaton.FindFirst("I"));
        Assert.Null(new AhoCorasick(["ecole"]).FindFirst("école"));
    }

    [Fact]
    public void Aho_corasick_handles_terms_that_are_suffixes_and_prefixes_of_each_other()
    {
        var automaton = new AhoCorasick(["a", "ab", "bab", "bc", "bca", "c", "caa"]);

        var terms = automaton.FindAll("abccab").Select(m => $"{m.Start}:{m.Term}").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["0:a", "0:ab", "1:bc", "2:c", "3:c", "4:a", "4:ab"], terms);
    }

    [Fact]
    public void A_ten_thousand_entry_bank_matches_every_entry_and_nothing_else()
    {
        var entries = Enumerable.Range(0, 10_000).Select(i => $"word{i:D5}x").ToList();
        var automaton = new AhoCorasick(entries);

        Assert.Equal(10_000, automaton.Count);
        foreach (var i in new[] { 0, 1, 4_999, 9_999 })
        {
            Assert.Equal($"word{i:D5}x", automaton.FindFirst($"some text WORD{i:D5}X more"));
        }

        Assert.Null(automaton.FindFirst("word10000x word0000 x word99999"));
        var text = string.Join(' ', Enumerable.Range(0, 200).Select(i => $"word{i * 50:D5}x"));
        Assert.Equal(200, automaton.FindAll(text).Count);
    }

    [Fact]
    public void Matching_a_kilobyte_against_ten_thousand_entries_is_measured()
    {
        var random = new Random(7);
        var entries = Enumerable.Range(0, 10_000).Select(_ => new string([.. Enumerable.Range(0, random.Next(4, 12)).Select(_ => (char)('a' + random.Next(26)))])).ToList();
        var build = Stopwatch.StartNew();
        var automaton = new AhoCorasick(entries);
        build.Stop();
        var text = new string([.. Enumerable.Range(0, 1000).Select(_ => random.Next(6) == 0 ? ' ' : (char)('a' + random.Next(26)))]) + " " + entries[42];
        for (var i = 0; i < 100; i++)
        {
            automaton.FindAll(text);
        }

        var clock = Stopwatch.StartNew();
        const int runs = 2_000;
        var found = 0;
        for (var i = 0; i < runs; i++)
        {
            found += automaton.FindFirst(text) is null ? 0 : 1;
        }

        var first = clock.Elapsed.TotalMicroseconds / runs;
        clock.Restart();
        for (var i = 0; i < runs; i++)
        {
            found += automaton.FindAll(text).Count;
        }

        var all = clock.Elapsed.TotalMicroseconds / runs;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Benchmark: built {automaton.Count:N0} terms ({automaton.StateCount:N0} states) in {build.Elapsed.TotalMilliseconds:F0} ms; "
            + $"1 KB text: FindFirst {first:F1} µs, FindAll {all:F1} µs per text.");
        Console.WriteLine($"TEXTBANK-BENCH build={build.Elapsed.TotalMilliseconds:F0}ms states={automaton.StateCount} findFirst={first:F1}us findAll={all:F1}us");
        Assert.True(found > 0);
    }

    [Theory]
    [InlineData("hello", "well, h3||0 there", true)]
    [InlineData("hello", "HELLLLLLOOOO!", true)]
    [InlineData("hello", "Ĥéllo", true)]
    [InlineData("spam", "$P4M offer", true)]
    [InlineData("idiot", "you 1d10t", true)]
    [InlineData("kill", "k!ll", true)]
    [InlineData("scam", "ѕсаm", true)]
    [InlineData("hello", "othello", false)]
    [InlineData("hello", "help", false)]
    public void Variants_tolerate_look_alikes_repeats_and_accents_at_word_starts(string term, string text, bool expected)
    {
        var matcher = new VariantMatcher([term]);

        Assert.Equal(expected ? term : null, matcher.FindFirst(text));
    }

    [Fact]
    public void Geohash_prefix_sets_return_the_most_specific_area()
    {
        var set = new GeohashPrefixSet([("u09", "Paris"), ("u09tv", "Louvre"), ("9q8y", null), ("bad!", "ignored")]);

        Assert.Equal(3, set.Count);
        Assert.Equal(new GeohashPrefixMatch("u09tv", "Louvre"), set.Find("U09TVW6Q"));
        Assert.Equal(new GeohashPrefixMatch("u09", "Paris"), set.Find("u09whatever"));
        Assert.Equal("9q8y", set.Find("9q8yyk8")!.ToString());
        Assert.Null(set.Find("u0"));
        Assert.Null(set.Find("dr5r"));
    }

    [Fact]
    public void Location_entries_are_validated_with_line_paths()
    {
        var (entries, errors) = LocationBankEntries.Parse(["u09tv, Louvre", "", "9Q8Y", "u09tv,again", "abc", "u09tvw6q0000000"]);

        Assert.Equal([("u09tv", "Louvre"), ("9q8y", null)], entries);
        Assert.Equal(["Entries[4]", "Entries[5]"], errors.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("Line 5", errors["Entries[4]"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Text_entries_are_trimmed_deduplicated_and_regexes_checked()
    {
        var (strings, none) = TextBankEntries.Normalize(TextBankKind.Strings, [" Spam ", "spam", "", "eggs", new string('x', 2001)]);
        Assert.Equal(["Spam", "eggs"], strings);
        Assert.Equal(["Entries[4]"], none.Keys);

        var (regexes, errors) = TextBankEntries.Normalize(TextBankKind.Regex, ["^a+$", "(unclosed", "b{2,}"]);
        Assert.Equal(["^a+$", "b{2,}"], regexes);
        Assert.Contains("Not a valid regular expression", Assert.Single(errors).Value[0], StringComparison.Ordinal);
    }
}
