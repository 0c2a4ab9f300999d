namespace Coop.Domain.Hashing;

/// <summary>One entry found near a query: its position in the indexed list and its Hamming distance.</summary>
public readonly record struct PdqMatch(int Index, int Distance);

/// <summary>
/// Finds the PDQ hashes within a Hamming distance of a query without comparing it with every hash
/// (multi-index hashing, Norouzi et al. 2012, as ThreatExchange's <c>README-MIH.md</c> describes): the 256 bits are
/// cut into 16 chunks of 16 bits and each chunk value maps to the hashes that have it. By the pigeonhole principle
/// a hash within distance <c>d</c> of the query differs from it in at most <c>⌊d/16⌋</c> bits in at least one chunk,
/// so only the hashes sharing a chunk value within that radius are candidates: for the default threshold 31 that is
/// 17 neighbour values per chunk, 272 bucket look-ups in all, whatever the size of the bank. Candidates are then
/// checked exactly. Thresholds of 64 and more (radius 4+, thousands of probes per chunk) and small sets compare
/// every hash instead, which is then as cheap. Immutable and safe to share between threads.
/// </summary>
public sealed class PdqIndex
{
    /// <summary>Below this many hashes a linear scan is as fast as the index, so no index is built.</summary>
    public const int DefaultLinearScanBelow = 1024;

    /// <summary>The largest distance answered through the index; larger thresholds scan.</summary>
    public const int MaxIndexedDistance = 63;

    private const int Chunks = 16;
    private const int Buckets = 1 << 16;

    private readonly PdqHash[] hashes;

    // Per chunk, CSR layout: the entries whose chunk value is v are members[c][starts[c][v] .. starts[c][v + 1]).
    private readonly int[][]? starts;
    private readonly int[][]? members;

    public PdqIndex(IReadOnlyList<PdqHash> hashes, int linearScanBelow = DefaultLinearScanBelow)
    {
        ArgumentNullException.ThrowIfNull(hashes);
        this.hashes = [.. hashes];
        if (this.hashes.Length < linearScanBelow)
        {
            return;
        }

        starts = new int[Chunks][];
        members = new int[Chunks][];
        for (var c = 0; c < Chunks; c++)
        {
            var start = new int[Buckets + 1];
            foreach (var hash in this.hashes)
            {
                start[hash.Chunk(c) + 1]++;
            }

            for (var v = 0; v < Buckets; v++)
            {
                start[v + 1] += start[v];
            }

            var next = (int[])start.Clone();
            var member = new int[this.hashes.Length];
            for (var i = 0; i < this.hashes.Length; i++)
            {
                member[next[this.hashes[i].Chunk(c)]++] = i;
            }

            starts[c] = start;
            members[c] = member;
        }
    }

    public int Count => hashes.Length;

    /// <summary>True when look-ups use the chunk index rather than a scan.</summary>
    public bool IsIndexed => starts is not null;

    public PdqHash this[int index] => hashes[index];

    /// <summary>Every hash within <paramref name="maxDistance"/> bits of <paramref name="query"/>, nearest first.</summary>
    public IReadOnlyList<PdqMatch> Search(PdqHash query, int maxDistance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxDistance);
        var found = new List<PdqMatch>();
        if (starts is null || members is null || maxDistance > MaxIndexedDistance)
        {
            for (var i = 0; i < hashes.Length; i++)
            {
                var distance = hashes[i].DistanceTo(query);
                if (distance <= maxDistance)
                {
                    found.Add(new PdqMatch(i, distance));
                }
            }
        }
        else
        {
            var radius = maxDistance / Chunks;
            HashSet<int>? seen = null;
            for (var c = 0; c < Chunks; c++)
            {
                Probe(query, c, query.Chunk(c), radius, 0, maxDistance, found, ref seen);
            }
        }

        found.Sort((a, b) => a.Distance != b.Distance ? a.Distance.CompareTo(b.Distance) : a.Index.CompareTo(b.Index));
        return found;
    }

    /// <summary>The nearest hash within <paramref name="maxDistance"/>, or null.</summary>
    public PdqMatch? Nearest(PdqHash query, int maxDistance)
    {
        var found = Search(query, maxDistance);
        return found.Count == 0 ? null : found[0];
    }

    /// <summary>Visits every chunk value within <paramref name="radius"/> bits of <paramref name="value"/> (flipping bits from <paramref name="fromBit"/> up).</summary>
    private void Probe(PdqHash query, int chunk, int value, int radius, int fromBit, int maxDistance, List<PdqMatch> found, ref HashSet<int>? seen)
    {
        var start = starts![chunk];
        var member = members![chunk];
        for (var m = start[value]; m < start[value + 1]; m++)
        {
            var index = member[m];
            var distance = hashes[index].DistanceTo(query);
            if (distance <= maxDistance)
            {
                // A hash can be reached through several chunks; the set is only needed once something matched.
                seen ??= [];
                if (seen.Add(index))
                {
                    found.Add(new PdqMatch(index, distance));
                }
            }
        }

        if (radius == 0)
        {
            return;
        }

        for (var bit = fromBit; bit < 16; bit++)
        {
            Probe(query, chunk, value ^ (1 << bit), radius - 1, bit + 1, maxDistance, found, ref seen);
        }
    }
}
