using System.Text.Json.Nodes;

namespace Coop.Domain.ItemTypes;

/// <summary>
/// Validates and normalizes item data against a schema, as Coop 1.0 does on every ingestion path (features §2.3,
/// §14.2): <c>null</c> means absent; each schema field is coerced to its type; keys not in the schema are kept
/// verbatim; required fields must be present (unless the partial variant makes every field optional); for CONTENT
/// types a parent needs a thread and a creation time, and a thread needs a creation time. Pure and thread-safe.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "A JSON pointer, not a memory pointer.")]
public static class ItemDataValidator
{
    private const int EchoMaxLength = 200;

    /// <param name="schema">The schema of the revision the data is validated against.</param>
    /// <param name="data">The submitted <c>data</c> object; not modified.</param>
    /// <param name="variant">Original, or partial (every field optional).</param>
    /// <param name="pointerPrefix">The JSON pointer of <paramref name="data"/> in the request, e.g. <c>/items/3/data</c>.</param>
    /// <param name="isKnownItemTypeId">Which <c>typeId</c>s related items may name (the organization's item types); null accepts any.</param>
    public static ItemDataValidationResult Validate(
        ItemTypeSchema schema, JsonObject data, SchemaVariant variant = SchemaVariant.Original, string pointerPrefix = "",
        Func<string, bool>? isKnownItemTypeId = null)
    {
        var errors = new List<ItemDataError>();
        var normalized = new JsonObject();
        foreach (var (key, value) in data)
        {
            if (value is null || value.GetValueKind() == System.Text.Json.JsonValueKind.Null)
            {
                continue;
            }

            var field = schema.Field(key);
            if (field is null)
            {
                normalized[key] = value.DeepClone();
                continue;
            }

            var coerced = CoerceField(field, value, Pointer(pointerPrefix, key), isKnownItemTypeId, errors);
            if (coerced is not null)
            {
                normalized[key] = coerced;
            }
        }

        if (variant == SchemaVariant.Original)
        {
            foreach (var field in schema.Fields.Where(f => f.Required && !normalized.ContainsKey(f.Name)))
            {
                if (!errors.Any(e => e.Pointer == Pointer(pointerPrefix, field.Name) || e.Pointer.StartsWith(Pointer(pointerPrefix, field.Name) + "/", StringComparison.Ordinal)))
                {
                    errors.Add(new ItemDataError(Pointer(pointerPrefix, field.Name), ItemDataError.InvalidDataTitle,
                        $"The field '{field.Name}' is required, but was not provided.", ItemErrorTypes.DataInvalidForItemType));
                }
            }
        }

        if (errors.Count == 0)
        {
            CheckRoleDependencies(schema, normalized, pointerPrefix, errors);
        }

        return errors.Count == 0 ? ItemDataValidationResult.Valid(normalized) : ItemDataValidationResult.Invalid(errors);
    }

    /// <summary>Appends one escaped reference token to a JSON pointer (<c>~</c> → <c>~0</c>, <c>/</c> → <c>~1</c>).</summary>
    public static string Pointer(string prefix, string token) =>
        $"{prefix}/{token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";

    private static JsonNode? CoerceField(
        ItemTypeField field, JsonNode value, string pointer, Func<string, bool>? isKnownItemTypeId, List<ItemDataError> errors)
    {
        switch (field.Container)
        {
            case null:
                var result = ScalarCoercion.Coerce(field.ScalarType, value, isKnownItemTypeId);
                if (result.Error is not null)
                {
                    errors.Add(Invalid(field.Name, pointer, null, value, result.Error));
                }

                return result.Value;

            case ContainerType.Array:
                if (value is not JsonArray array)
                {
                    errors.Add(Invalid(field.Name, pointer, null, value, "This field, if given, must be an array."));
                    return null;
                }

                var list = new JsonArray();
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is not { } element || element.GetValueKind() == System.Text.Json.JsonValueKind.Null)
                    {
                        continue;
                    }

                    var item = ScalarCoercion.Coerce(field.ScalarType, element, isKnownItemTypeId);
                    if (item.Error is not null)
                    {
                        errors.Add(Invalid(field.Name, Pointer(pointer, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"at index {i}", element, item.Error));
                    }
                    else if (item.Value is not null)
                    {
                        list.Add(item.Value);
                    }
                }

                return list;

            default:
                if (value is not JsonObject map)
                {
                    errors.Add(Invalid(field.Name, pointer, null, value, "This field, if given, must be an object."));
                    return null;
                }

                var entries = new JsonObject();
                foreach (var (key, entryValue) in map)
                {
                    if (entryValue is null || entryValue.GetValueKind() == System.Text.Json.JsonValueKind.Null)
                    {
                        continue;
                    }

                    var entryPointer = Pointer(pointer, key);
                    var coercedKey = ScalarCoercion.Coerce(field.KeyScalarType ?? ScalarType.String, JsonValue.Create(key), isKnownItemTypeId);
                    if (coercedKey.Error is not null)
                    {
                        errors.Add(Invalid(field.Name, entryPointer, $"in the key '{key}'", JsonValue.Create(key), coercedKey.Error));
                        continue;
                    }

                    var coercedValue = ScalarCoercion.Coerce(field.ScalarType, entryValue, isKnownItemTypeId);
                    if (coercedValue.Error is not null)
                    {
                        errors.Add(Invalid(field.Name, entryPointer, $"for the key '{key}'", entryValue, coercedValue.Error));
                    }
                    else if (coercedKey.Value is not null && coercedValue.Value is not null)
                    {
                        entries[KeyText(coercedKey.Value)] = coercedValue.Value;
                    }
                }

                return entries;
        }
    }

    private static string KeyText(JsonNode key) => key is JsonValue v && v.TryGetValue<string>(out var s) ? s : key.ToJsonString();

    private static ItemDataError Invalid(string fieldName, string pointer, string? where, JsonNode value, string reason)
    {
        var echo = value.ToJsonString();
        if (echo.Length > EchoMaxLength)
        {
            echo = echo[..EchoMaxLength] + "…";
        }

        var location = where is null ? string.Empty : " " + where;
        return new ItemDataError(pointer, ItemDataError.InvalidDataTitle,
            $"The field '{fieldName}' has an invalid value{location}. The value you provided was: {echo}. {reason}",
            ItemErrorTypes.DataInvalidForItemType);
    }

    private static void CheckRoleDependencies(ItemTypeSchema schema, JsonObject data, string pointerPrefix, List<ItemDataError> errors)
    {
        if (schema.Kind != ItemTypeKind.Content)
        {
            return;
        }

        var roles = schema.Roles;
        bool Has(string? field) => field is not null && schema.Field(field) is not null && data.ContainsKey(field);
        if (Has(roles.ParentId) && (!Has(roles.ThreadId) || !Has(roles.CreatedAt)))
        {
            errors.Add(new ItemDataError(Pointer(pointerPrefix, roles.ParentId!), ItemDataError.InvalidRolesTitle,
                $"You provided us a parent: {roles.ParentId} without providing a value for when the item was created: "
                + $"{roles.CreatedAt} or a value for the thread: {roles.ThreadId}", ItemErrorTypes.FieldRolesInvalidForItemType));
        }
        else if (Has(roles.ThreadId) && !Has(roles.CreatedAt))
        {
            errors.Add(new ItemDataError(Pointer(pointerPrefix, roles.ThreadId!), ItemDataError.InvalidRolesTitle,
                $"You provided us a thread: {roles.ThreadId} without providing a value for when the item was created: {roles.CreatedAt}",
                ItemErrorTypes.FieldRolesInvalidForItemType));
        }
    }
}
