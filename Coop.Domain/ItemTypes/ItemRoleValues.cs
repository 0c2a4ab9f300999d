using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coop.Domain.ItemTypes;

/// <summary>
/// The role values of one normalized item, ready for indexed columns: creator, thread, parent, creation time,
/// display name, deletion flag, IP address, email and images. Absent roles are null.
/// </summary>
public sealed record ItemRoleValues(
    ItemIdentifier? Creator,
    ItemIdentifier? Thread,
    ItemIdentifier? Parent,
    DateTime? CreatedAt,
    string? DisplayName,
    bool? IsDeleted,
    string? IpAddress,
    string? Email,
    string? ProfileIconUrl,
    string? BackgroundImageUrl)
{
    public static ItemRoleValues None { get; } = new(null, null, null, null, null, null, null, null, null, null);

    /// <summary>Reads the roles of <paramref name="schema"/> from data that <see cref="ItemDataValidator"/> normalized.</summary>
    public static ItemRoleValues Extract(ItemTypeSchema schema, JsonObject normalizedData)
    {
        JsonNode? Value(ItemTypeRole role) =>
            schema.FieldFor(role) is { IsScalar: true } field && normalizedData[field.Name] is { } node ? node : null;

        string? Text(ItemTypeRole role) =>
            Value(role) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

        ItemIdentifier? Reference(ItemTypeRole role) =>
            Value(role) is JsonObject o && o["id"] is JsonValue id && o["typeId"] is JsonValue typeId
            && id.GetValueKind() == JsonValueKind.String && typeId.GetValueKind() == JsonValueKind.String
                ? new ItemIdentifier(id.GetValue<string>(), typeId.GetValue<string>())
                : null;

        string? Url(ItemTypeRole role) =>
            Value(role) is JsonObject o && o["url"] is JsonValue u && u.GetValueKind() == JsonValueKind.String ? u.GetValue<string>() : null;

        return new ItemRoleValues(
            Reference(ItemTypeRole.CreatorId),
            Reference(ItemTypeRole.ThreadId),
            Reference(ItemTypeRole.ParentId),
            Text(ItemTypeRole.CreatedAt) is { } created ? ScalarCoercion.ParseDateTime(created) : null,
            Text(ItemTypeRole.DisplayName),
            Value(ItemTypeRole.IsDeleted) is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? b.GetValue<bool>() : null,
            Text(ItemTypeRole.IpAddress),
            Text(ItemTypeRole.Email),
            Url(ItemTypeRole.ProfileIcon),
            Url(ItemTypeRole.BackgroundImage));
    }
}
