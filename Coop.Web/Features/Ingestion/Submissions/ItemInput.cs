using System.Text.Json.Nodes;
using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Web.Api;

namespace Coop.Web.Features.Ingestion.Submissions;

/// <summary>
/// One item as the API receives it, in either of Coop's shapes: <c>{ id, typeId, data, typeVersion?, typeSchemaVariant? }</c>
/// or <c>{ id, data, type: { id, version?, schemaVariant? } }</c>.
/// </summary>
public sealed record ItemInput(string Id, string TypeId, string? TypeVersion, string SchemaVariant, JsonObject Data, string Pointer, string TypePointer)
{
    public const string SchemaTitle = "Request body failed schema validation.";

    /// <summary>Reads an item at <paramref name="pointer"/>; structural problems are added to <paramref name="errors"/>.</summary>
    public static ItemInput? Parse(JsonNode? node, string pointer, List<ApiError> errors, bool dataRequired = true)
    {
        if (node is not JsonObject item)
        {
            errors.Add(Schema(pointer, "must be an object"));
            return null;
        }

        var id = RequiredString(item, "id", pointer, errors);
        string? typeId;
        string? version = null;
        var variant = "original";
        if (item["type"] is JsonObject type)
        {
            typeId = RequiredString(type, "id", pointer + "/type", errors);
            version = OptionalString(type, "version", pointer + "/type", errors);
            variant = OptionalString(type, "schemaVariant", pointer + "/type", errors) ?? variant;
        }
        else
        {
            typeId = RequiredString(item, "typeId", pointer, errors);
            version = OptionalString(item, "typeVersion", pointer, errors);
            variant = OptionalString(item, "typeSchemaVariant", pointer, errors) ?? variant;
        }

        if (variant is not ("original" or "partial"))
        {
            errors.Add(Schema(pointer + (item["type"] is JsonObject ? "/type/schemaVariant" : "/typeSchemaVariant"), "must be \"original\" or \"partial\""));
        }

        JsonObject? data = null;
        switch (item["data"])
        {
            case JsonObject d:
                data = d;
                break;
            case null when !dataRequired:
                data = [];
                break;
            default:
                errors.Add(Schema(pointer + "/data", "must be an object"));
                break;
        }

        var typePointer = item["type"] is JsonObject ? pointer + "/type/id" : pointer + "/typeId";
        return id is null || typeId is null || data is null ? null : new ItemInput(id, typeId, version, variant, data, pointer, typePointer);
    }

    public static ApiError Schema(string pointer, string problem) =>
        ApiError.BadRequest(ApiErrorTypes.InvalidUserInput, SchemaTitle, $"{pointer}: {problem}", pointer);

    public static string? RequiredString(JsonObject parent, string name, string pointer, List<ApiError> errors, int maxLength = 256)
    {
        if (parent[name] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length > 0)
        {
            if (text.Length <= maxLength)
            {
                return text;
            }

            errors.Add(Schema($"{pointer}/{name}", $"must be at most {maxLength} characters"));
            return null;
        }

        errors.Add(Schema($"{pointer}/{name}", parent.ContainsKey(name) ? "must be a non-empty string" : "is required"));
        return null;
    }

    public static string? OptionalString(JsonObject parent, string name, string pointer, List<ApiError> errors, int maxLength = 5000)
    {
        var node = parent[name];
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue value && value.TryGetValue<string>(out var text) && text.Length <= maxLength)
        {
            return text;
        }

        errors.Add(Schema($"{pointer}/{name}", $"must be a string of at most {maxLength} characters"));
        return null;
    }

    public static List<ItemIdentifier> References(JsonObject root, string name, List<ApiError> errors, bool idOnly = false)
    {
        var result = new List<ItemIdentifier>();
        switch (root[name])
        {
            case null:
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is not JsonObject reference)
                    {
                        errors.Add(ItemInput.Schema($"/{name}/{i}", "must be an object"));
                        continue;
                    }

                    var id = ItemInput.RequiredString(reference, "id", $"/{name}/{i}", errors, ItemSubmission.MaxIdLength);
                    var typeId = idOnly ? string.Empty : ItemInput.RequiredString(reference, "typeId", $"/{name}/{i}", errors, 64);
                    if (id is not null && typeId is not null)
                    {
                        result.Add(new ItemIdentifier(id, typeId));
                    }
                }

                break;
            default:
                errors.Add(ItemInput.Schema($"/{name}", "must be an array"));
                break;
        }

        return result;
    }

    public static List<string> Strings(JsonObject root, string name, List<ApiError> errors, bool required)
    {
        if (root[name] is not JsonArray array)
        {
            if (required || root.ContainsKey(name))
            {
                errors.Add(ItemInput.Schema($"/{name}", root.ContainsKey(name) ? "must be an array of ids" : "is required"));
            }

            return [];
        }

        var result = new List<string>();
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JsonValue value && value.TryGetValue<string>(out var text) && text.Length is > 0 and <= 64)
            {
                result.Add(text);
            }
            else
            {
                errors.Add(ItemInput.Schema($"/{name}/{i}", "must be an id (a non-empty string)"));
            }
        }

        return result;
    }
}
