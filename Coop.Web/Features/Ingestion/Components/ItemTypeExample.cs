using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.ItemTypes;

namespace Coop.Web.Features.Ingestion.Components;

/// <summary>An example <c>POST /api/v1/items/async/</c> body for an item type, with a plausible value per field.</summary>
public static class ItemTypeExample
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string RequestBody(string itemTypeId, ItemTypeSchema schema, string? userTypeId)
    {
        var data = new JsonObject();
        foreach (var field in schema.Fields)
        {
            data[field.Name] = field.Container switch
            {
                null => Sample(field.ScalarType, userTypeId),
                ContainerType.Array => new JsonArray(Sample(field.ScalarType, userTypeId)),
                _ => new JsonObject { ["key"] = Sample(field.ScalarType, userTypeId) },
            };
        }

        var body = new JsonObject { ["items"] = new JsonArray(new JsonObject { ["id"] = "example-1", ["typeId"] = itemTypeId, ["data"] = data }) };
        return body.ToJsonString(Indented);
    }

    private static JsonNode Sample(ScalarType type, string? userTypeId) => type switch
    {
        ScalarType.String => "some text",
        ScalarType.Number => 1,
        ScalarType.Boolean => false,
        ScalarType.Id => "123",
        ScalarType.PolicyId => "policy-id",
        ScalarType.Url => "https://example.com/page",
        ScalarType.Geohash => "u4pruydqqvj",
        ScalarType.Datetime => "2024-01-01T12:00:00.000Z",
        ScalarType.Image => "https://example.com/image.jpg",
        ScalarType.Video => "https://example.com/video.mp4",
        ScalarType.Audio => "https://example.com/audio.mp3",
        ScalarType.Media => "https://example.com/file.png",
        ScalarType.RelatedItem or ScalarType.UserId => new JsonObject { ["id"] = "user-1", ["typeId"] = userTypeId ?? "<item type id>" },
        ScalarType.IpAddress => "192.0.2.1",
        ScalarType.EmailAddress => "someone@example.com",
        _ => "value",
    };
}
