namespace Coop.Domain.ItemTypes;

/// <summary>
/// One reason item data was refused: a JSON <see cref="Pointer"/> to the offending value (as deep as possible,
/// e.g. <c>/items/3/data/images/1</c>), a <see cref="Title"/>, a <see cref="Detail"/> and Coop's error <see cref="Type"/>.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "Pointer is the wire name of the field (JSON pointer).")]
public sealed record ItemDataError(string Pointer, string Title, string Detail, string Type)
{
    public const string InvalidDataTitle = "Invalid Data for Item";
    public const string InvalidRolesTitle = "Invalid field roles for Item";

    /// <summary>The error for a <c>typeId</c> that is not one of the organization's item types (Coop's wording).</summary>
    public static ItemDataError UnknownItemType(string pointer, string typeId) =>
        new(pointer, InvalidDataTitle, $"We could not find an Item Type created by your organization with ID: {typeId}",
            ItemErrorTypes.DataInvalidForItemType);

    /// <summary>The error for a <c>typeVersion</c> the item type never had.</summary>
    public static ItemDataError UnknownItemTypeVersion(string pointer, string typeId, string version) =>
        new(pointer, InvalidDataTitle, $"The Item Type with ID: {typeId} has no version {version}.", ItemErrorTypes.DataInvalidForItemType);
}
