using System.Text.Json.Nodes;
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
}
