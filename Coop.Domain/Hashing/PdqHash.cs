using System.Globalization;
using System.Numerics;

namespace Coop.Domain.Hashing;

/// <summary>
/// A 256-bit PDQ perceptual hash, in the 64-hex-digit form Meta's reference implementations print (the first four
/// digits hold bits 255–240, the last four bits 15–0). Two images are similar when the Hamming distance between
/// their hashes is small (HMA's default threshold is 31 bits).
/// </summary>
public readonly record struct PdqHash(ulong W0, ulong W1, ulong W2, ulong W3)
{
    public const int Bits = 256;
    public const int HexLength = 64;

    /// <summary>The number of differing bits (0–256).</summary>
    public int DistanceTo(PdqHash other) =>
        BitOperations.PopCount(W0 ^ other.W0) + BitOperations.PopCount(W1 ^ other.W1)
        + BitOperations.PopCount(W2 ^ other.W2) + BitOperations.PopCount(W3 ^ other.W3);

    /// <summary>16-bit chunk <paramref name="index"/> (0–15, 0 being the first four hex digits).</summary>
    public ushort Chunk(int index) => (ushort)(Word(index >> 2) >> (48 - ((index & 3) * 16)));

    public ulong Word(int index) => index switch
    {
        0 => W0,
        1 => W1,
        2 => W2,
        3 => W3,
        _ => throw new ArgumentOutOfRangeException(nameof(index)),
    };

    /// <summary>The hash with bit <paramref name="bit"/> (0–255, as the reference numbers them) set.</summary>
    public PdqHash WithBit(int bit)
    {
        // Reference bit k lives in 16-bit word k/16, printed from word 15 down to word 0.
        var word = 15 - (bit >> 4);
        var position = (3 - (word & 3)) * 16 + (bit & 15);
        var mask = 1UL << position;
        return (word >> 2) switch
        {
            0 => this with { W0 = W0 | mask },
            1 => this with { W1 = W1 | mask },
            2 => this with { W2 = W2 | mask },
            _ => this with { W3 = W3 | mask },
        };
    }

    /// <summary>The hash with bit position <paramref name="position"/> of the hex form (0 = the first digit's top bit) flipped.</summary>
    public PdqHash FlipPosition(int position)
    {
        var mask = 1UL << (63 - (position & 63));
        return (position >> 6) switch
        {
            0 => this with { W0 = W0 ^ mask },
            1 => this with { W1 = W1 ^ mask },
            2 => this with { W2 = W2 ^ mask },
            _ => this with { W3 = W3 ^ mask },
        };
    }

    public static bool TryParse(string? text, out PdqHash hash)
    {
        hash = default;
        var span = text.AsSpan().Trim();
        if (span.Length != HexLength)
        {
            return false;
        }

        Span<ulong> words = stackalloc ulong[4];
        for (var i = 0; i < 4; i++)
        {
            if (!ulong.TryParse(span.Slice(i * 16, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out words[i]))
            {
                return false;
            }
        }

        hash = new PdqHash(words[0], words[1], words[2], words[3]);
        return true;
    }

    public static PdqHash Parse(string text) =>
        TryParse(text, out var hash) ? hash : throw new FormatException("A PDQ hash is 64 hexadecimal digits.");

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{W0:x16}{W1:x16}{W2:x16}{W3:x16}");
}
