namespace Coop.Domain.ItemTypes;

/// <summary>The scalar field types of Coop's item schemas (wire names in <see cref="ItemTypeWireNames"/>).</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members mirror Coop 1.0 wire names (STRING, …).")]
public enum ScalarType
{
    String,
    Number,
    Boolean,
    Id,
    PolicyId,
    Url,
    Geohash,
    Datetime,
    Image,
    Video,
    Audio,
    Media,
    RelatedItem,
    UserId,
    IpAddress,
    EmailAddress,
}
