using System.Text.RegularExpressions;
using Coop.Domain.ItemTypes;

namespace Coop.Web.Features.Configuration;

/// <summary>
/// Turns an <see cref="ItemTypeConfig"/> into a schema, reporting each problem with the JSON pointer of the value
/// (<c>/itemTypes/2/fields/1/type</c>) to <paramref name="add"/>.
/// </summary>
internal sealed partial class ItemTypeConfigReader(Action<string, string> add)
{
    private static readonly string ScalarNames = string.Join(", ", ItemTypeWireNames.AllScalars.Select(s => s.ToWire()));

    /// <summary>The schema of <paramref name="entry"/> of <paramref name="kind"/>, or null when it has problems (all reported).</summary>
    public ItemTypeSchema? Read(ItemTypeConfig entry, ItemTypeKind kind, string path)
    {
        var ok = true;
        var fields = new List<ItemTypeField>();
        var entries = entry.Fields ?? [];
        for (var j = 0; j < entries.Count; j++)
        {
            var field = entries[j] is { } config ? ReadField(config, $"{path}/fields/{j}") : null;
            if (field is null)
            {
                if (entries[j] is null)
                {
                    add($"{path}/fields/{j}", "A field is an object with name, type, required and container.");
                }

                ok = false;
                continue;
            }

            fields.Add(field);
        }

        var roles = new List<KeyValuePair<ItemTypeRole, string?>>();
        foreach (var (name, fieldName) in entry.SchemaFieldRoles ?? new Dictionary<string, string?>())
        {
            var info = ItemTypeRoleInfo.All.FirstOrDefault(r => r.WireName == name);
            if (info is null)
            {
                add($"{path}/schemaFieldRoles/{Escape(name)}",
                    $"'{name}' is not a field role; use {string.Join(", ", ItemTypeRoleInfo.All.Select(r => r.WireName))}.");
                ok = false;
                continue;
            }

            roles.Add(new(info.Role, fieldName));
        }

        if (!ok)
        {
            return null;
        }

        var schema = new ItemTypeSchema(kind, fields, new ItemTypeFieldRoles(roles), [.. (entry.HiddenFields ?? []).Select(h => h ?? string.Empty)]);
        var problems = ItemType.Check(entry.Name ?? string.Empty, entry.Description, schema);
        foreach (var problem in problems)
        {
            add($"{path}/{Pointer(problem.Key)}", problem.Message);
        }

        return problems.Count == 0 ? schema : null;
    }

    /// <summary>The pointer below an item type of a domain problem key: <c>Fields[2].Name</c> → <c>fields/2/name</c>.</summary>
    internal static string Pointer(string key)
    {
        if (FieldKey().Match(key) is { Success: true } field)
        {
            var member = field.Groups[2].Value;
            return $"fields/{field.Groups[1].Value}/" + (member == "KeyScalarType" ? "container/keyScalarType" : Camel(member));
        }

        return key.StartsWith("Roles.", StringComparison.Ordinal) ? $"schemaFieldRoles/{Escape(key["Roles.".Length..])}" : Camel(key);
    }

    private ItemTypeField? ReadField(ItemTypeFieldConfig config, string path)
    {
        var name = config.Name ?? string.Empty;
        var required = config.Required ?? false;
        if (ItemTypeWireNames.TryParseContainer(config.Type, out var container))
        {
            if (config.Container is not { } spec)
            {
                add($"{path}/container", $"A {container.ToWire()} field needs a container with its valueScalarType.");
                return null;
            }

            var ok = true;
            if (spec.ContainerType is not null && (!ItemTypeWireNames.TryParseContainer(spec.ContainerType, out var named) || named != container))
            {
                add($"{path}/container/containerType", $"Use {container.ToWire()}, as the field's type says.");
                ok = false;
            }

            if (!ItemTypeWireNames.TryParseScalar(spec.ValueScalarType, out var valueType))
            {
                add($"{path}/container/valueScalarType", $"Use a scalar type: {ScalarNames}.");
                ok = false;
            }

            ScalarType? keyType = null;
            if (container == ContainerType.Map)
            {
                keyType = ScalarType.String;
                if (spec.KeyScalarType is not null)
                {
                    if (ItemTypeWireNames.TryParseScalar(spec.KeyScalarType, out var parsedKey))
                    {
                        keyType = parsedKey;
                    }
                    else
                    {
                        add($"{path}/container/keyScalarType", $"Use a scalar type: {ScalarNames}.");
                        ok = false;
                    }
                }
            }
            else if (spec.KeyScalarType is not null)
            {
                add($"{path}/container/keyScalarType", "Only a MAP field has a key type.");
                ok = false;
            }

            return ok ? new ItemTypeField(name, valueType, required, container, keyType) : null;
        }

        if (!ItemTypeWireNames.TryParseScalar(config.Type, out var scalar))
        {
            add($"{path}/type", $"Use a scalar type ({ScalarNames}), ARRAY or MAP.");
            return null;
        }

        if (config.Container is not null)
        {
            add($"{path}/container", "Only ARRAY and MAP fields have a container; leave it out or null.");
            return null;
        }

        return new ItemTypeField(name, scalar, required);
    }

    /// <summary>Escapes a JSON pointer token (RFC 6901).</summary>
    private static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    [GeneratedRegex(@"^Fields\[(\d+)\]\.(\w+)$", RegexOptions.CultureInvariant)]
    private static partial Regex FieldKey();
}
