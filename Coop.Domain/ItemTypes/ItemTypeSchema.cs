using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coop.Domain.ItemTypes;

/// <summary>
/// Everything needed to interpret an item's data: the kind, the ordered fields, the field roles and the fields hidden
/// from reviewers. Immutable; one is kept per item type revision as JSON in Coop 1.0's shape
/// (<c>{ kind, fields: [{ name, type, required, container }], schemaFieldRoles, hiddenFields }</c>).
/// </summary>
public sealed class ItemTypeSchema
{
    public ItemTypeSchema(ItemTypeKind kind, IEnumerable<ItemTypeField> fields, ItemTypeFieldRoles? roles = null, IEnumerable<string>? hiddenFields = null)
    {
        Kind = kind;
        Fields = [.. fields];
        Roles = roles ?? ItemTypeFieldRoles.None;
        HiddenFields = [.. (hiddenFields ?? []).Where(h => !string.IsNullOrWhiteSpace(h)).Distinct(StringComparer.Ordinal)];
    }

    public ItemTypeKind Kind { get; }

    public IReadOnlyList<ItemTypeField> Fields { get; }

    public ItemTypeFieldRoles Roles { get; }

    public IReadOnlyList<string> HiddenFields { get; }

    public ItemTypeField? Field(string name) => Fields.FirstOrDefault(f => f.Name == name);

    /// <summary>The field that holds <paramref name="role"/>, when the role is assigned.</summary>
    public ItemTypeField? FieldFor(ItemTypeRole role) => Roles[role] is { } name ? Field(name) : null;

    /// <summary>Checks the definition's invariants: field names, types, role fields and kinds, role dependencies, hidden fields.</summary>
    public IReadOnlyList<ItemTypeProblem> Check()
    {
        var problems = new List<ItemTypeProblem>();
        if (Fields.Count == 0)
        {
            problems.Add(new("Fields", "Add at least one field."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Fields.Count; i++)
        {
            var field = Fields[i];
            var key = $"Fields[{i}]";
            if (string.IsNullOrWhiteSpace(field.Name))
            {
                problems.Add(new($"{key}.Name", "Every field needs a name."));
            }
            else if (field.Name != field.Name.Trim())
            {
                problems.Add(new($"{key}.Name", $"The field name '{field.Name}' starts or ends with spaces."));
            }
            else if (field.Name.Length > ItemTypeField.NameMaxLength)
            {
                problems.Add(new($"{key}.Name", $"A field name has at most {ItemTypeField.NameMaxLength} characters."));
            }
            else if (!seen.Add(field.Name))
            {
                problems.Add(new($"{key}.Name", $"The field name '{field.Name}' appears more than once."));
            }

            if (field.Container == ContainerType.Map && !ItemTypeField.MapKeyTypes.Contains(field.KeyScalarType ?? ScalarType.String))
            {
                problems.Add(new($"{key}.KeyScalarType", $"A map key cannot be {field.KeyScalarType?.ToWire()}."));
            }

            if (field.Container != ContainerType.Map && field.KeyScalarType is not null)
            {
                problems.Add(new($"{key}.KeyScalarType", "Only a map field has a key type."));
            }
        }

        CheckRoles(problems);
        foreach (var hidden in HiddenFields.Where(h => Field(h) is null))
        {
            problems.Add(new("HiddenFields", $"The hidden field '{hidden}' is not in the schema."));
        }

        return problems;
    }

    private void CheckRoles(List<ItemTypeProblem> problems)
    {
        foreach (var (role, fieldName) in Roles.Assigned)
        {
            var info = ItemTypeRoleInfo.Get(role);
            var key = $"Roles.{info.WireName}";
            var field = Field(fieldName);
            if (!info.Kinds.Contains(Kind))
            {
                problems.Add(new(key, $"The {info.Label} role is not available for {Kind.ToWire()} item types."));
            }
            else if (field is null)
            {
                problems.Add(new(key, $"The {info.Label} role names the field '{fieldName}', which is not in the schema."));
            }
            else if (!info.Accepts(field))
            {
                problems.Add(new(key, $"The {info.Label} role needs a single {info.FieldType.ToWire()} field; '{fieldName}' is {field.DisplayType}."));
            }
        }

        if (Kind == ItemTypeKind.Content && Roles.ParentId is not null && (Roles.ThreadId is null || Roles.CreatedAt is null))
        {
            problems.Add(new("Roles.parentId", "The Parent role needs the Thread and Created at roles too."));
        }

        if (Kind == ItemTypeKind.Content && Roles.ThreadId is not null && Roles.CreatedAt is null)
        {
            problems.Add(new("Roles.threadId", "The Thread role needs the Created at role too."));
        }
    }

    public JsonObject ToJsonObject()
    {
        var roles = new JsonObject();
        foreach (var (role, field) in Roles.Assigned)
        {
            roles[ItemTypeRoleInfo.Get(role).WireName] = field;
        }

        return new JsonObject
        {
            ["kind"] = Kind.ToWire(),
            ["fields"] = new JsonArray([.. Fields.Select(FieldToJson)]),
            ["schemaFieldRoles"] = roles,
            ["hiddenFields"] = new JsonArray([.. HiddenFields.Select(h => (JsonNode?)JsonValue.Create(h))]),
        };
    }

    public string ToJson() => ToJsonObject().ToJsonString();

    /// <summary>Coop 1.0's field shape: <c>{ name, type, required, container: { containerType, keyScalarType, valueScalarType } | null }</c>.</summary>
    public static JsonObject FieldToJson(ItemTypeField field) => new()
    {
        ["name"] = field.Name,
        ["type"] = field.WireType,
        ["required"] = field.Required,
        ["container"] = field.Container is { } container
            ? new JsonObject
            {
                ["containerType"] = container.ToWire(),
                ["keyScalarType"] = container == ContainerType.Map ? (field.KeyScalarType ?? ScalarType.String).ToWire() : null,
                ["valueScalarType"] = field.ScalarType.ToWire(),
            }
            : null,
    };

    /// <summary>Reads the JSON written by <see cref="ToJson"/>; throws <see cref="JsonException"/> when it is not that shape.</summary>
    public static ItemTypeSchema FromJson(string json)
    {
        var root = JsonNode.Parse(json) as JsonObject ?? throw new JsonException("An item type schema is a JSON object.");
        if (!ItemTypeWireNames.TryParseKind(root["kind"]?.GetValue<string>(), out var kind))
        {
            throw new JsonException("The schema has no valid kind.");
        }

        var fields = (root["fields"] as JsonArray ?? []).Select(n => FieldFromJson(n as JsonObject ?? throw new JsonException("A field is an object.")));
        var roles = new List<KeyValuePair<ItemTypeRole, string?>>();
        if (root["schemaFieldRoles"] is JsonObject roleObject)
        {
            foreach (var (name, value) in roleObject)
            {
                var info = ItemTypeRoleInfo.All.FirstOrDefault(r => r.WireName == name) ?? throw new JsonException($"Unknown field role '{name}'.");
                roles.Add(new(info.Role, value?.GetValue<string>()));
            }
        }

        var hidden = (root["hiddenFields"] as JsonArray ?? []).Select(n => n?.GetValue<string>() ?? string.Empty);
        return new ItemTypeSchema(kind, [.. fields], new ItemTypeFieldRoles(roles), [.. hidden]);
    }

    /// <summary>Reads one field in Coop 1.0's shape (also accepts a bare scalar <c>type</c> with no container).</summary>
    public static ItemTypeField FieldFromJson(JsonObject node)
    {
        var name = node["name"]?.GetValue<string>() ?? throw new JsonException("A field needs a name.");
        var type = node["type"]?.GetValue<string>();
        var required = node["required"]?.GetValue<bool>() ?? false;
        if (ItemTypeWireNames.TryParseContainer(type, out var container))
        {
            var spec = node["container"] as JsonObject ?? throw new JsonException($"The {type} field '{name}' needs a container.");
            if (!ItemTypeWireNames.TryParseScalar(spec["valueScalarType"]?.GetValue<string>(), out var valueType))
            {
                throw new JsonException($"The field '{name}' has no valid valueScalarType.");
            }

            ScalarType? keyType = null;
            if (container == ContainerType.Map)
            {
                var keyName = spec["keyScalarType"]?.GetValue<string>();
                keyType = ItemTypeWireNames.TryParseScalar(keyName, out var parsed) ? parsed
                    : keyName is null ? ScalarType.String : throw new JsonException($"The field '{name}' has no valid keyScalarType.");
            }

            return new ItemTypeField(name, valueType, required, container, keyType);
        }

        return ItemTypeWireNames.TryParseScalar(type, out var scalar)
            ? new ItemTypeField(name, scalar, required)
            : throw new JsonException($"The field '{name}' has an unknown type '{type}'.");
    }
}
