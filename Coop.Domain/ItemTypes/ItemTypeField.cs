namespace Coop.Domain.ItemTypes;

/// <summary>
/// One field of an item schema. A scalar field has <see cref="Container"/> null. An <c>ARRAY</c> field holds values
/// of <see cref="ScalarType"/>; a <c>MAP</c> field maps keys of <see cref="KeyScalarType"/> to values of <see cref="ScalarType"/>.
/// </summary>
public sealed record ItemTypeField(
    string Name,
    ScalarType ScalarType,
    bool Required,
    ContainerType? Container = null,
    ScalarType? KeyScalarType = null)
{
    public const int NameMaxLength = 128;

    /// <summary>Scalar types a map key may have: those whose values are plain strings, numbers or booleans.</summary>
    public static IReadOnlyList<ScalarType> MapKeyTypes { get; } =
    [
        ScalarType.String, ScalarType.Id, ScalarType.PolicyId, ScalarType.Number, ScalarType.Boolean, ScalarType.Url,
        ScalarType.Geohash, ScalarType.Datetime, ScalarType.IpAddress, ScalarType.EmailAddress,
    ];

    public bool IsScalar => Container is null;

    /// <summary>The field's <c>type</c> on the wire: the scalar name, or <c>ARRAY</c>/<c>MAP</c>.</summary>
    public string WireType => Container?.ToWire() ?? ScalarType.ToWire();

    /// <summary>A readable type such as <c>STRING</c>, <c>ARRAY&lt;IMAGE&gt;</c> or <c>MAP&lt;STRING, NUMBER&gt;</c>.</summary>
    public string DisplayType => Container switch
    {
        null => ScalarType.ToWire(),
        ContainerType.Array => $"ARRAY<{ScalarType.ToWire()}>",
        _ => $"MAP<{(KeyScalarType ?? ItemTypes.ScalarType.String).ToWire()}, {ScalarType.ToWire()}>",
    };
}
