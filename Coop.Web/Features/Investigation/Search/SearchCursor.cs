using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Coop.Web.Features.Investigation.Search;

/// <summary>
/// Where a page of results ends, in the results' order (last received, then type, then id, all descending): the next
/// page starts strictly after it, so pages never overlap or skip an item that existed when paging began.
/// </summary>
public sealed record SearchCursor(DateTime LastSeenAt, string ItemTypeId, string ItemId)
{
    public string Encode() =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new object[] { LastSeenAt.Ticks, ItemTypeId, ItemId })));

    /// <summary>The cursor in <paramref name="text"/>, or null when it is missing or not one of ours.</summary>
    public static SearchCursor? Decode(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        try
        {
            var parts = JsonSerializer.Deserialize<JsonElement[]>(Base64Url.DecodeFromChars(text));
            return parts is [{ ValueKind: JsonValueKind.Number } ticks, { ValueKind: JsonValueKind.String } type, { ValueKind: JsonValueKind.String } id]
                ? new SearchCursor(new DateTime(ticks.GetInt64(), DateTimeKind.Utc), type.GetString()!, id.GetString()!)
                : null;
        }
        catch (Exception ex) when (ex is FormatException or JsonException or ArgumentOutOfRangeException)
        {
            return null;
        }
    }
}
