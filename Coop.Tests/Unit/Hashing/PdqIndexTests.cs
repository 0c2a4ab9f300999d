using System.Diagnostics;
using Coop.Domain.Hashing;

namespace Coop.Tests.Unit.Hashing;

/// <summary>The multi-index gives exactly what a brute-force scan gives, including at and around the threshold.</summary>
[Trait("Category", "Unit")]
public sealed class PdqIndexTests(ITestOutputHelper output)
{
    private static PdqHash RandomHash(Random random) =>
        new((ulong)random.NextInt64() ^ ((ulong)random.Next() << 63), (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63),
            (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63), (ulong)random.NextInt64() ^ ((ulong)random.Next() << 63));

    private static PdqHash Flip(PdqHash hash, Random random, int bits)
    {
        var positions = Enumerable.Range(0, 256).OrderBy(_ => random.Next()).Take(bits);
        return positions.Aggregate(hash, (h, p) => h.FlipPosition(p));
    }

    private static List<PdqMatch> BruteForce(IReadOnlyList<PdqHash> hashes, PdqHash query, int maxDistance) =>
        [.. hashes.Select((h, i) => new PdqMatch(i, h.DistanceTo(query))).Where(m => m.Distance <= maxDistance)
            .OrderBy(m => m.Distance).ThenBy(m => m.Index)];

    [Theory]
    [InlineData(0)]
    [InlineData(15)]
    [InlineData(16)]
    [InlineData(31)]
    [InlineData(32)]
    [InlineData(47)]
    [InlineData(63)]
    [InlineData(70)]
    public void Search_equals_brute_force_near_the_threshold(int maxDistance)
    {
        var random = new Random(maxDistance + 7);
        var bank = Enumerable.Range(0, 3000).Select(_ => RandomHash(random)).ToList();

        // Plant hashes at exactly the threshold, one under and one over, around some queries.
        var queries = new List<PdqHash>();
        for (var q = 0; q < 40; q++)
        {
            var query = RandomHash(random);
            queries.Add(query);
            foreach (var d in new[] { maxDistance - 1, maxDistance, maxDistance + 1 }.Where(d => d is >= 0 and <= 256))
            {
                bank.Add(Flip(query, random, d));
            }
        }

        queries.AddRange(bank.Take(20).Select(h => Flip(h, random, random.Next(0, maxDistance + 2))));
        var index = new PdqIndex(bank, linearScanBelow: 0);
        Assert.True(index.IsIndexed);
        foreach (var query in queries)
        {
            Assert.Equal(BruteForce(bank, query, maxDistance), index.Search(query, maxDistance));
        }
    }

    [Fact]
    public void Concentrated_errors_in_one_chunk_are_still_found()
    {
        // All 31 flipped bits packed into two chunks: the others match exactly.
        var random = new Random(3);
        var query = RandomHash(random);
        var near = Enumerable.Range(0, 31).Aggregate(query, (h, p) => h.FlipPosition(p));
        var bank = Enumerable.Range(0, 2000).Select(_ => RandomHash(random)).Append(near).ToList();
        var index = new PdqIndex(bank, linearScanBelow: 0);
        Assert.Equal(new PdqMatch(bank.Count - 1, 31), index.Nearest(query, 31));
        Assert.Null(index.Nearest(query, 30));
    }

    [Fact]
    public void Small_sets_scan_and_give_the_same_answers()
    {
        var random = new Random(11);
        var bank = Enumerable.Range(0, 100).Select(_ => RandomHash(random)).ToList();
        var index = new PdqIndex(bank);
        Assert.False(index.IsIndexed);
        var query = Flip(bank[42], random, 20);
        Assert.Equal(new PdqMatch(42, 20), index.Nearest(query, 31));
    }

    [Fact]
    public void Lookup_time_in_a_bank_of_100000_hashes()
    {
        var random = new Random(2024);
        var bank = Enumerable.Range(0, 100_000).Select(_ => RandomHash(random)).ToList();
        var build = Stopwatch.StartNew();
        var index = new PdqIndex(bank);
        build.Stop();
        var queries = Enumerable.Range(0, 10_000)
            .Select(i => i % 10 == 0 ? Flip(bank[random.Next(bank.Count)], random, random.Next(0, 32)) : RandomHash(random)).ToList();
        foreach (var query in queries.Take(500))
        {
            index.Search(query, 31);
        }

        var found = 0;
        var clock = Stopwatch.StartNew();
        foreach (var query in queries)
        {
            found += index.Search(query, 31).Count;
        }

        clock.Stop();
        var perLookup = clock.Elapsed.TotalMicroseconds / queries.Count;
        output.WriteLine($"PDQ index of 100,000 hashes: built in {build.ElapsedMilliseconds} ms; {perLookup:0.0} µs per lookup at distance 31 over {queries.Count} queries ({found} matches)");
        Console.WriteLine($"PDQ index of 100,000 hashes: built in {build.ElapsedMilliseconds} ms; {perLookup:0.0} µs per lookup at distance 31 over {queries.Count} queries ({found} matches)");
        Assert.True(found >= 1000);
    }
}
