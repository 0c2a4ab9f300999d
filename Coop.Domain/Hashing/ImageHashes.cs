namespace Coop.Domain.Hashing;

/// <summary>The hashes of one image: MD5 and SHA-256 of its bytes (lower-case hex) and its PDQ hash and quality.</summary>
public sealed record ImageHashes(string Md5, string Sha256, PdqHash Pdq, int PdqQuality);

/// <summary>The kinds of hash a hash bank holds.</summary>
public enum HashKind
{
    Pdq,
    Md5,
    Sha256,
}

public static class HashKinds
{
    /// <summary>The hex length of a hash of <paramref name="kind"/>.</summary>
    public static int HexLength(HashKind kind) => kind switch
    {
        HashKind.Md5 => 32,
        _ => 64,
    };

    /// <summary>The normalised (lower-case, trimmed) hex value, or null when <paramref name="value"/> is not a hash of <paramref name="kind"/>.</summary>
    public static string? Normalize(HashKind kind, string? value)
    {
        var trimmed = value?.Trim();
        if (trimmed is null || trimmed.Length != HexLength(kind) || !trimmed.All(Uri.IsHexDigit))
        {
            return null;
        }

        return trimmed.ToLowerInvariant();
    }

    /// <summary>Parses a signal type as HMA and ThreatExchange exports name it (<c>pdq</c>, <c>md5</c>, <c>video_md5</c>, <c>sha256</c>…).</summary>
    public static bool TryParse(string? text, out HashKind kind)
    {
        switch (text?.Trim().ToLowerInvariant().Replace('-', '_'))
        {
            case "pdq":
            case "photo_pdq":
                kind = HashKind.Pdq;
                return true;
            case "md5":
            case "video_md5":
            case "photo_md5":
                kind = HashKind.Md5;
                return true;
            case "sha256":
            case "sha_256":
                kind = HashKind.Sha256;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    public static string Label(HashKind kind) => kind switch
    {
        HashKind.Pdq => "PDQ",
        HashKind.Md5 => "MD5",
        _ => "SHA-256",
    };
}
