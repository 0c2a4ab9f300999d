using System.Collections.Frozen;

namespace Coop.Domain.ItemTypes;

/// <summary>The exact upper-case names Coop 1.0 uses on the wire for kinds, scalar types, containers and variants.</summary>
public static class ItemTypeWireNames
{
    private static readonly FrozenDictionary<ScalarType, string> ScalarNames = new Dictionary<ScalarType, string>
    {
        [ScalarType.String] = "STRING",
        [ScalarType.Number] = "NUMBER",
        [ScalarType.Boolean] = "BOOLEAN",
        [ScalarType.Id] = "ID",
        [ScalarType.PolicyId] = "POLICY_ID",
        [ScalarType.Url] = "URL",
        [ScalarType.Geohash] = "GEOHASH",
        [ScalarType.Datetime] = "DATETIME",
        [ScalarType.Image] = "IMAGE",
        [ScalarType.Video] = "VIDEO",
        [ScalarType.Audio] = "AUDIO",
        [ScalarType.Media] = "MEDIA",
        [ScalarType.RelatedItem] = "RELATED_ITEM",
        [ScalarType.UserId] = "USER_ID",
        [ScalarType.IpAddress] = "IP_ADDRESS",
        [ScalarType.EmailAddress] = "EMAIL_ADDRESS",
    }.ToFrozenDictionary();

    private static readonly FrozenDictionary<string, ScalarType> ScalarsByName =
        ScalarNames.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.OrdinalIgnoreCase);

    public static IReadOnlyList<ScalarType> AllScalars { get; } = Enum.GetValues<ScalarType>();

    public static string ToWire(this ScalarType type) => ScalarNames[type];

    public static string ToWire(this ItemTypeKind kind) => kind switch
    {
        ItemTypeKind.Content => "CONTENT",
        ItemTypeKind.User => "USER",
        ItemTypeKind.Thread => "THREAD",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static string ToWire(this ContainerType container) => container switch
    {
        ContainerType.Array => "ARRAY",
        ContainerType.Map => "MAP",
        _ => throw new ArgumentOutOfRangeException(nameof(container), container, null),
    };

    public static string ToWire(this SchemaVariant variant) => variant == SchemaVariant.Partial ? "partial" : "original";

    public static bool TryParseScalar(string? name, out ScalarType type) =>
        ScalarsByName.TryGetValue(name?.Trim() ?? string.Empty, out type);

    public static bool TryParseKind(string? name, out ItemTypeKind kind)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "CONTENT":
                kind = ItemTypeKind.Content;
                return true;
            case "USER":
                kind = ItemTypeKind.User;
                return true;
            case "THREAD":
                kind = ItemTypeKind.Thread;
                return true;
            default:
                kind = default;
                return false;
        }
    }

    public static bool TryParseContainer(string? name, out ContainerType container)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case "ARRAY":
                container = ContainerType.Array;
                return true;
            case "MAP":
                container = ContainerType.Map;
                return true;
            default:
                container = default;
                return false;
        }
    }

    /// <summary>Parses <c>original</c> or <c>partial</c> (any case); null or empty means original.</summary>
    public static bool TryParseVariant(string? name, out SchemaVariant variant)
    {
        switch (name?.Trim().ToUpperInvariant())
        {
            case null or "" or "ORIGINAL":
                variant = SchemaVariant.Original;
                return true;
            case "PARTIAL":
                variant = SchemaVariant.Partial;
                return true;
            default:
                variant = default;
                return false;
        }
    }
}
