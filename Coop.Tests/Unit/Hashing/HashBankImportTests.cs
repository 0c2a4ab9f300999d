using Coop.Domain.Hashing;
using Coop.Web.Features.Rules.HashBanks;

namespace Coop.Tests.Unit.Hashing;

[Trait("Category", "Unit")]
public sealed class HashBankImportTests
{
    private const string Pdq = "d8f8f0cce0f4a84f0e370a22028f67f0b36e2ed596623e1d33e6b39c4e9c9b22";
    private const string Md5 = "0123456789abcdef0123456789abcdef";

    private static ParsedImport Parse(string text, HashKind? kind = null) => HashBankImport.Parse(new StringReader(text), kind);

    [Fact]
    public void Hma_exports_with_a_header_are_read_in_any_column_order()
    {
        var parsed = Parse($"content_id,signal_type,signal,label\n7,pdq,{Pdq.ToUpperInvariant()},\"bridge, original\"\n8,video_md5,{Md5},\n");
        Assert.Empty(parsed.Problems);
        Assert.Equal([new ImportedHash(2, HashKind.Pdq, Pdq, "bridge, original", "7"), new ImportedHash(3, HashKind.Md5, Md5, null, "8")],
            parsed.Hashes.Select(h => h with { Label = string.IsNullOrEmpty(h.Label) ? null : h.Label }));
    }

    [Fact]
    public void Rows_name_their_kind_or_take_the_chosen_one()
    {
        Assert.Equal(HashKind.Pdq, Assert.Single(Parse($"# comment\n\npdq,{Pdq}\n").Hashes).Kind);
        var plain = Parse($"{Pdq}\n{Pdq}\n", HashKind.Sha256);
        Assert.Empty(plain.Problems);
        Assert.All(plain.Hashes, h => Assert.Equal(HashKind.Sha256, h.Kind));
        var unknown = Parse($"{Pdq}\n");
        Assert.Contains("choose the kind", Assert.Single(unknown.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_lines_are_reported_with_their_numbers()
    {
        var parsed = Parse($"signal_type,signal\npdq,{Pdq}\npdq,abc\nmd5,{Pdq}\nphash,{Pdq}\npdq,{Pdq[..63]}z\n");
        Assert.Equal([3, 4, 5, 6], parsed.Problems.Select(p => p.Line));
        Assert.Contains("not a PDQ hash", parsed.Problems[0].Message, StringComparison.Ordinal);
        Assert.Contains("not a MD5 hash", parsed.Problems[1].Message, StringComparison.Ordinal);
        Assert.Contains("'phash' is not a hash type", parsed.Problems[2].Message, StringComparison.Ordinal);
        Assert.Single(parsed.Hashes);
    }
}
