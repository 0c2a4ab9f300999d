using Coop.Domain.Hashing;
using Coop.Infrastructure.Hashing;

namespace Coop.Tests.Unit.Hashing;

/// <summary>PDQ against Meta's reference hashes (Fixtures/Pdq, from shared/testdata/pdq): decoders differ, so distance not equality.</summary>
[Trait("Category", "Unit")]
public sealed class PdqHasherTests(ITestOutputHelper output)
{
    private static readonly string[] Files = ["bridge-orig.jpg", "bridge-blur-a-little.jpg", "c.png", "small.jpg", "wee.jpg"];
    private static readonly string[] Unrelated = ["bridge-orig.jpg", "c.png", "small.jpg", "wee.jpg"];

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "Pdq", name);

    public static TheoryData<string, string, string> References()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var line in File.ReadLines(Fixture("expected.csv")).Skip(1))
        {
            var parts = line.Split(',');
            data.Add(parts[0], parts[1], parts[2]);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(References))]
    public void The_hash_is_within_16_bits_of_the_reference(string file, string referenceHex, string source)
    {
        var hashes = ImageHasher.Hash(File.ReadAllBytes(Fixture(file)));
        var distance = hashes.Pdq.DistanceTo(PdqHash.Parse(referenceHex));
        output.WriteLine($"{file}: {hashes.Pdq} quality {hashes.PdqQuality}; {distance} bits from the {source}");
        Assert.InRange(distance, 0, 16);
        Assert.Equal(64, hashes.Pdq.ToString().Length);
    }

    [Fact]
    public void The_bridge_images_match_each_other_and_unrelated_images_are_far_apart()
    {
        var hashes = Files.ToDictionary(f => f, f => ImageHasher.Hash(File.ReadAllBytes(Fixture(f))).Pdq);
        Assert.InRange(hashes["bridge-orig.jpg"].DistanceTo(hashes["bridge-blur-a-little.jpg"]), 0, 31);
        foreach (var a in Unrelated)
        {
            foreach (var b in Unrelated.Where(b => string.CompareOrdinal(a, b) < 0))
            {
                Assert.True(hashes[a].DistanceTo(hashes[b]) > 64, $"{a} and {b} are {hashes[a].DistanceTo(hashes[b])} bits apart");
            }
        }
    }

    [Fact]
    public void Md5_and_sha256_are_of_the_bytes()
    {
        var bytes = File.ReadAllBytes(Fixture("c.png"));
        var hashes = ImageHasher.Hash(bytes);
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes)), hashes.Sha256);
        Assert.Equal(32, hashes.Md5.Length);
    }

    [Fact]
    public void Text_and_bombs_are_refused_before_decoding()
    {
        Assert.Throws<ImageRejectedException>(() => ImageHasher.Hash("not an image"u8.ToArray()));

        // A valid PNG announcing 60000×60000 pixels (3.6 gigapixels) with a tiny IDAT: refused from the header alone.
        var bomb = Png(60_000, 60_000);
        var refused = Assert.Throws<ImageRejectedException>(() => ImageHasher.Hash(bomb));
        Assert.Contains("megapixels", refused.Message, StringComparison.Ordinal);
    }

    private static byte[] Png(int width, int height)
    {
        using var png = new MemoryStream();
        png.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, width);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        header[9] = 2;
        Chunk(png, "IHDR", header);
        using var compressed = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(compressed, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(new byte[4096]);
        }

        Chunk(png, "IDAT", compressed.ToArray());
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(MemoryStream png, string type, byte[] data)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, data.Length);
        png.Write(length);
        var typed = System.Text.Encoding.ASCII.GetBytes(type).Concat(data).ToArray();
        png.Write(typed);
        var crc = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(typed));
        png.Write(crc);
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    [Fact]
    public void Hex_round_trips_and_bit_numbers_follow_the_reference()
    {
        var hex = "d8f8f0cce0f4a84f0e370a22028f67f0b36e2ed596623e1d33e6b39c4e9c9b22";
        Assert.Equal(hex, PdqHash.Parse(hex.ToUpperInvariant()).ToString());
        Assert.False(PdqHash.TryParse("xyz", out _));
        Assert.False(PdqHash.TryParse(new string('g', 64), out _));

        // Reference bit 0 is the last hex digit's lowest bit; bit 255 the first digit's highest.
        Assert.Equal("0000000000000000000000000000000000000000000000000000000000000001", default(PdqHash).WithBit(0).ToString());
        Assert.Equal("8000000000000000000000000000000000000000000000000000000000000000", default(PdqHash).WithBit(255).ToString());
        Assert.Equal("0000000000000000000000000000000000000000000000000000000000010000", default(PdqHash).WithBit(16).ToString());
    }
}
