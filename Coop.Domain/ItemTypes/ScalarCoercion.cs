using System.Globalization;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Coop.Domain.ItemTypes;

/// <summary>
/// Coop 1.0's input coercion for one scalar value (features §2.3): returns the canonical value, "absent"
/// (e.g. an empty string in a URL field), or the reason the value is not acceptable.
/// </summary>
public static partial class ScalarCoercion
{
    private const string GeohashAlphabet = "0123456789bcdefghjkmnpqrstuvwxyz";

    /// <summary>The outcome: <see cref="Value"/> when accepted, neither when absent, <see cref="Error"/> when refused.</summary>
    public readonly record struct Result(JsonNode? Value, string? Error)
    {
        public bool IsAbsent => Value is null && Error is null;
    }

    private static Result Ok(JsonNode value) => new(value, null);

    private static Result Absent => default;

    private static Result Fail(string reason) => new(null, reason);

    /// <summary>
    /// Coerces <paramref name="value"/> (never JSON null) to <paramref name="type"/>. <paramref name="isKnownItemTypeId"/>
    /// decides which <c>typeId</c>s a RELATED_ITEM or USER_ID may name; null accepts any non-empty one.
    /// </summary>
    public static Result Coerce(ScalarType type, JsonNode value, Func<string, bool>? isKnownItemTypeId = null) => type switch
    {
        ScalarType.String => AsString(value) is { } s ? Ok(JsonValue.Create(s)) : Fail("This field, if given, must be a string."),
        ScalarType.Id or ScalarType.PolicyId => IdLike(value),
        ScalarType.Number => Number(value),
        ScalarType.Boolean => Boolean(value),
        ScalarType.Url => Url(value),
        ScalarType.Geohash => Geohash(value),
        ScalarType.Datetime => Datetime(value),
        ScalarType.Image or ScalarType.Video or ScalarType.Audio => MediaUrl(value, withMediaType: false),
        ScalarType.Media => MediaUrl(value, withMediaType: true),
        ScalarType.RelatedItem => ItemReference(value, isKnownItemTypeId, allowName: true),
        ScalarType.UserId => ItemReference(value, isKnownItemTypeId, allowName: false),
        ScalarType.IpAddress => IpAddress(value),
        ScalarType.EmailAddress => Email(value),
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>IMAGE, VIDEO or AUDIO guessed from a URL's file extension; null when it cannot tell (.ogg stays unresolved).</summary>
    public static ScalarType? DetectMediaType(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var path = uri.AbsolutePath;
        var dot = path.LastIndexOf('.');
        if (dot < 0 || dot == path.Length - 1 || path.IndexOf('/', dot) >= 0)
        {
            return null;
        }

        return path[(dot + 1)..].ToLowerInvariant() switch
        {
            "jpg" or "jpeg" or "png" or "gif" or "webp" or "bmp" or "svg" or "avif" or "heic" or "heif" or "tif" or "tiff" => ScalarType.Image,
            "mp4" or "m4v" or "mov" or "webm" or "mkv" or "avi" or "flv" => ScalarType.Video,
            "mp3" or "m4a" or "wav" or "aac" or "flac" or "opus" or "wma" => ScalarType.Audio,
            _ => null,
        };
    }

    /// <summary>An absolute http or https URL.</summary>
    public static bool IsValidUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
        && !string.IsNullOrEmpty(uri.Host);

    /// <summary>Parses an ISO-8601 date-time (or date); a time without offset is taken as UTC.</summary>
    public static DateTime? ParseDateTime(string value)
    {
        var match = IsoDate().Match(value.Trim());
        if (!match.Success)
        {
            return null;
        }

        var fraction = match.Groups["fraction"].Value;
        var normalized = $"{match.Groups["date"].Value}T{(match.Groups["time"].Success ? match.Groups["time"].Value : "00:00")}"
            + (match.Groups["seconds"].Success ? match.Groups["seconds"].Value : ":00")
            + (fraction.Length > 0 ? "." + fraction[..Math.Min(fraction.Length, 7)] : string.Empty)
            + NormalizeOffset(match.Groups["offset"].Value);
        return DateTimeOffset.TryParse(normalized, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.UtcDateTime
            : null;
    }

    /// <summary>The canonical DATETIME form: JavaScript's <c>toISOString()</c>, <c>yyyy-MM-ddTHH:mm:ss.fffZ</c>.</summary>
    public static string FormatDateTime(DateTime utc) =>
        utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static string NormalizeOffset(string offset) => offset switch
    {
        "" or "Z" or "z" => "Z",
        { Length: 3 } => offset + ":00",
        { Length: 5 } => $"{offset[..3]}:{offset[3..]}",
        _ => offset,
    };

    private static string? AsString(JsonNode node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static double? AsFiniteNumber(JsonNode node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var d) && double.IsFinite(d) ? d : null;

    private static Result IdLike(JsonNode value)
    {
        if (AsString(value) is { } s)
        {
            return Ok(JsonValue.Create(s));
        }

        if (AsFiniteNumber(value) is { } d)
        {
            var text = value is JsonValue v && v.TryGetValue<long>(out var l) ? l.ToString(CultureInfo.InvariantCulture)
                : d == Math.Floor(d) && Math.Abs(d) < 1e21 ? d.ToString("0", CultureInfo.InvariantCulture)
                : d.ToString("R", CultureInfo.InvariantCulture);
            return Ok(JsonValue.Create(text));
        }

        return Fail("This field must be a string or a number.");
    }

    private static Result Number(JsonNode value)
    {
        if (AsFiniteNumber(value) is { } number)
        {
            return Ok(value.DeepClone());
        }

        if (AsString(value) is { } s && s.Trim().Length > 0
            && double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) && double.IsFinite(parsed))
        {
            return Ok(parsed == Math.Floor(parsed) && Math.Abs(parsed) < 9e15 ? JsonValue.Create((long)parsed) : JsonValue.Create(parsed));
        }

        return Fail("This field, if given, must hold a number.");
    }

    private static Result Boolean(JsonNode value)
    {
        if (value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return Ok(JsonValue.Create(v.GetValue<bool>()));
        }

        var text = AsString(value)?.ToLowerInvariant() ?? (AsFiniteNumber(value) is { } d and (0 or 1) ? d.ToString(CultureInfo.InvariantCulture) : null);
        return text switch
        {
            "true" or "1" => Ok(JsonValue.Create(true)),
            "false" or "0" => Ok(JsonValue.Create(false)),
            _ => Fail("This field, if given, must hold a boolean."),
        };
    }

    private static Result Url(JsonNode value) => AsString(value) switch
    {
        "" => Absent,
        { } s when IsValidUrl(s) => Ok(JsonValue.Create(s)),
        _ => Fail("This field, if given, must be a valid URL."),
    };

    private static Result Geohash(JsonNode value) => AsString(value) switch
    {
        "" => Absent,
        { } s when s.All(c => GeohashAlphabet.Contains(char.ToLowerInvariant(c), StringComparison.Ordinal)) => Ok(JsonValue.Create(s)),
        _ => Fail("This field, if given, must be a valid geohash."),
    };

    private static Result Datetime(JsonNode value) => AsString(value) switch
    {
        "" => Absent,
        { } s when ParseDateTime(s) is { } parsed => Ok(JsonValue.Create(FormatDateTime(parsed))),
        _ => Fail("This field, if given, must contain a valid date string."),
    };

    private static Result MediaUrl(JsonNode value, bool withMediaType)
    {
        // Already-normalized media ({ "url": … }, perhaps with hashes) is accepted as it is.
        var url = value is JsonObject o ? AsUrlProperty(o) : AsString(value);
        if (url == string.Empty && value is not JsonObject)
        {
            return Absent;
        }

        if (url is null || !IsValidUrl(url))
        {
            return Fail("This field, if given, must hold a valid URL.");
        }

        var media = value is JsonObject existing ? (JsonObject)existing.DeepClone() : new JsonObject { ["url"] = url };
        if (withMediaType && !media.ContainsKey("mediaType"))
        {
            media["mediaType"] = DetectMediaType(url)?.ToWire();
        }

        return Ok(media);
    }

    private static string? AsUrlProperty(JsonObject o) => o["url"] is { } u ? AsString(u) : null;

    private static Result ItemReference(JsonNode value, Func<string, bool>? isKnownItemTypeId, bool allowName)
    {
        var shape = allowName
            ? "This field, if given, must be an object with a (non-empty) string 'id' and a valid 'typeId', with an optional string name."
            : "This field, if given, must be an object with a (non-empty) string 'id' and a valid 'typeId'.";
        if (value is not JsonObject o || o["id"] is not { } idNode || AsString(idNode) is not { Length: > 0 and <= Coop.Domain.Items.ItemSubmission.MaxIdLength }
            || o["typeId"] is not { } typeNode || AsString(typeNode) is not { Length: > 0 } typeId
            || (allowName && o["name"] is { } name && AsString(name) is null))
        {
            return Fail(shape);
        }

        return isKnownItemTypeId is null || isKnownItemTypeId(typeId)
            ? Ok(o.DeepClone())
            : Fail($"{shape} '{typeId}' is not an item type of your organization.");
    }

    private static Result IpAddress(JsonNode value)
    {
        if (AsString(value) is not { } s)
        {
            return Fail("This field, if given, must be a string IP address.");
        }

        var trimmed = s.Trim();
        if (trimmed.Length == 0)
        {
            return Absent;
        }

        var valid = trimmed.Contains(':', StringComparison.Ordinal)
            ? System.Net.IPAddress.TryParse(trimmed, out var v6) && v6.AddressFamily == AddressFamily.InterNetworkV6
            : Ipv4().IsMatch(trimmed);
        return valid ? Ok(JsonValue.Create(trimmed)) : Fail("This field, if given, must be a valid IPv4 or IPv6 address.");
    }

    private static Result Email(JsonNode value)
    {
        if (AsString(value) is not { } s)
        {
            return Fail("This field, if given, must be a string email address.");
        }

        var trimmed = s.Trim();
        return trimmed.Length == 0 ? Absent : Ok(JsonValue.Create(trimmed));
    }

    [GeneratedRegex(@"^(?<date>\d{4}-\d{2}-\d{2})(?:[T ](?<time>\d{2}:\d{2})(?<seconds>:\d{2})?(?:[.,](?<fraction>\d+))?)?(?<offset>Z|z|[+-]\d{2}(?::?\d{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoDate();

    [GeneratedRegex(@"^(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]\d|\d)$", RegexOptions.CultureInvariant)]
    private static partial Regex Ipv4();
}
