using Coop.Domain.Actions;
using Coop.Domain.Common;
using Coop.Domain.ItemTypes;
using Coop.Domain.Policies;

namespace Coop.Web.Features.Configuration;

/// <summary>
/// Checks a whole configuration file against the target organization before anything is written, and
/// reports every problem with the JSON pointer of the offending value.
/// </summary>
internal sealed class ImportValidator(
    IReadOnlyCollection<ItemType> itemTypes,
    IReadOnlyCollection<Policy> policies,
    IReadOnlyCollection<ActionDefinition> actions,
    ForeignIds idsOfOtherOrganizations)
{
    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    /// <summary>Item type ids actions may name: the organization's and the file's.</summary>
    private readonly HashSet<string> knownItemTypeIds = new(itemTypes.Select(t => t.Id), StringComparer.Ordinal);

    /// <summary>The file's id of the default user type → the target organization's (they differ between installs).</summary>
    private readonly Dictionary<string, string> itemTypeIdMap = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string[]> Errors =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(m => $"{e.Key}: {m}").ToArray(), StringComparer.Ordinal);

    public ImportPlan Validate(ConfigDocument document)
    {
        if (document.Version != ConfigDocument.CurrentVersion)
        {
            Add("/version", $"This Coop reads version {ConfigDocument.CurrentVersion} files; the file has version {document.Version}.");
        }

        // Item types first: actions may name the file's item types.
        var itemTypeImports = ValidateItemTypes(document.ItemTypes ?? []);
        return new ImportPlan(itemTypeImports, ValidatePolicies(document.Policies ?? []), ValidateActions(document.Actions ?? []));
    }

    private List<ItemTypeImport> ValidateItemTypes(IReadOnlyList<ItemTypeConfig> entries)
    {
        var existing = itemTypes.ToDictionary(t => t.Id, StringComparer.Ordinal);
        var defaultUserType = itemTypes.FirstOrDefault(t => t.IsDefaultUserType);
        var finalNames = itemTypes.ToDictionary(t => t.Id, t => t.Name, StringComparer.Ordinal);
        var result = new List<(int Index, ItemTypeImport Import)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var reader = new ItemTypeConfigReader(Add);
        int? flaggedAt = null;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var path = $"/itemTypes/{i}";
            ItemType? target;
            if (entry.IsDefaultUserType == true)
            {
                if (flaggedAt is { } first)
                {
                    Add($"{path}/isDefaultUserType", $"Only one item type is the default user type (already /itemTypes/{first}).");
                    continue;
                }

                flaggedAt = i;
                if (defaultUserType is null)
                {
                    Add($"{path}/isDefaultUserType", "The organization has no default user type to update.");
                    continue;
                }

                if (!string.IsNullOrWhiteSpace(entry.Id))
                {
                    if (!seen.Add(entry.Id))
                    {
                        Add($"{path}/id", $"The id '{entry.Id}' appears twice in the file.");
                        continue;
                    }

                    itemTypeIdMap[entry.Id] = defaultUserType.Id;
                }

                target = defaultUserType;
            }
            else
            {
                if (!CheckId(entry.Id, path, seen, idsOfOtherOrganizations.ItemTypes))
                {
                    continue;
                }

                knownItemTypeIds.Add(entry.Id!);
                target = existing.GetValueOrDefault(entry.Id!);
                if (target is { IsDefaultUserType: true })
                {
                    Add($"{path}/id", "This id is the organization's default user type; flag the entry with \"isDefaultUserType\": true.");
                    continue;
                }
            }

            var id = target?.Id ?? entry.Id!;
            finalNames[id] = entry.Name?.Trim() ?? string.Empty;
            if (Kind(entry, path, target) is not { } kind || reader.Read(entry, kind, path) is not { } schema)
            {
                continue;
            }

            result.Add((i, new ItemTypeImport(id, entry.Name!, entry.Description, schema, target)));
        }

        foreach (var (index, import) in result)
        {
            var name = import.Name.Trim();
            if (finalNames.Any(t => t.Key != import.Id && string.Equals(t.Value, name, StringComparison.OrdinalIgnoreCase)))
            {
                Add($"/itemTypes/{index}/name", $"Another item type is named '{name}'.");
            }
        }

        return [.. result.Select(r => r.Import)];
    }

    private ItemTypeKind? Kind(ItemTypeConfig entry, string path, ItemType? target)
    {
        if (entry.Kind is null && entry.IsDefaultUserType == true)
        {
            return ItemTypeKind.User;
        }

        if (!ItemTypeWireNames.TryParseKind(entry.Kind, out var kind))
        {
            Add($"{path}/kind", "Use CONTENT, USER or THREAD.");
            return null;
        }

        if (target is not null && target.Kind != kind)
        {
            Add($"{path}/kind", $"An item type's kind cannot change (it is {target.Kind.ToWire()}).");
            return null;
        }

        if (entry.IsDefaultUserType == true && kind != ItemTypeKind.User)
        {
            Add($"{path}/kind", "The default user type is a USER type.");
            return null;
        }

        return kind;
    }

    private List<PolicyImport> ValidatePolicies(IReadOnlyList<PolicyConfig> entries)
    {
        var existing = policies.ToDictionary(p => p.Id, StringComparer.Ordinal);
        var final = policies.ToDictionary(p => p.Id, p => (p.Name, p.ParentId), StringComparer.Ordinal);
        var imports = new List<(int Index, PolicyImport Import)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var path = $"/policies/{i}";
            if (!CheckId(entry.Id, path, seen, idsOfOtherOrganizations.Policies))
            {
                continue;
            }

            var penalty = Penalty.None;
            if (entry.Penalty is not null && !PenaltyNames.TryParse(entry.Penalty, out penalty))
            {
                Add($"{path}/penalty", "Use NONE, LOW, MEDIUM, HIGH or SEVERE.");
            }

            var details = new PolicyDetails(entry.Name ?? string.Empty, string.IsNullOrWhiteSpace(entry.ParentId) ? null : entry.ParentId,
                entry.Description, entry.EnforcementGuidelines, penalty, entry.UserStrikeCount ?? 1, entry.ApplyUserStrikeCountToChildren ?? false);
            AddAll(path, Policy.Validate(details));
            final[entry.Id!] = (details.Name.Trim(), details.ParentId);
            imports.Add((i, new PolicyImport(entry.Id!, details, existing.GetValueOrDefault(entry.Id!))));
        }

        foreach (var (index, import) in imports)
        {
            var path = $"/policies/{index}";
            if (import.Details.ParentId is { } parentId && !final.ContainsKey(parentId))
            {
                Add($"{path}/parentId", $"No policy '{parentId}' exists in the file or the organization.");
            }
            else if (Cycles(final, import.Id))
            {
                Add($"{path}/parentId", "The policies' parents form a loop.");
            }

            var name = import.Details.Name.Trim();
            if (final.Any(p => p.Key != import.Id && string.Equals(p.Value.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                Add($"{path}/name", $"Another policy is named '{name}'.");
            }
        }

        return [.. ParentsFirst(imports.Select(i => i.Import).ToList(), final)];
    }

    private List<ActionImport> ValidateActions(IReadOnlyList<ActionConfig> entries)
    {
        var result = new List<ActionImport>();
        var finalNames = actions.ToDictionary(a => a.Id, a => a.Name, StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var path = $"/actions/{i}";
            var type = ActionType.CustomAction;
            if (entry.ActionType is not null && !ActionTypeNames.TryParse(entry.ActionType, out type))
            {
                Add($"{path}/actionType", "Use CUSTOM_ACTION, ENQUEUE_TO_MRT, ENQUEUE_AUTHOR_TO_MRT or ENQUEUE_TO_NCMEC.");
                continue;
            }

            ActionDefinition? target;
            if (type != ActionType.CustomAction)
            {
                target = actions.SingleOrDefault(a => a.ActionType == type);
                if (target is null)
                {
                    Add($"{path}/actionType", "The organization has no such built-in action.");
                    continue;
                }
            }
            else
            {
                if (!CheckId(entry.Id, path, seen, idsOfOtherOrganizations.Actions))
                {
                    continue;
                }

                target = actions.SingleOrDefault(a => a.Id == entry.Id);
                if (target is { IsBuiltIn: true })
                {
                    Add($"{path}/id", "This id belongs to a built-in action.");
                    continue;
                }
            }

            var itemTypeIds = ItemTypeReferences(entry.ItemTypeIds ?? [], path, target);
            var details = new ActionDefinitionDetails(entry.Name ?? string.Empty, entry.Description, itemTypeIds, entry.CallbackUrl,
                [.. (entry.Headers ?? []).Select(h => new ActionHeaderInput(h.Name ?? string.Empty, h.Value))],
                entry.CustomBody?.ToJsonString(), entry.ApplyUserStrikes ?? false, entry.Parameters);
            AddAll(path, ActionDefinition.Validate(type, details, target));
            var id = target?.Id ?? entry.Id!;
            finalNames[id] = details.Name.Trim();
            result.Add(new ActionImport(id, details, target));
        }

        for (var i = 0; i < result.Count; i++)
        {
            var name = result[i].Details.Name.Trim();
            if (name.Length > 0 && finalNames.Any(a => a.Key != result[i].Id && string.Equals(a.Value, name, StringComparison.OrdinalIgnoreCase)))
            {
                Add($"/actions/{i}/name", $"Another action is named '{name}'.");
            }
        }

        return result;
    }

    /// <summary>
    /// An action's item type ids with the file's default user type id replaced by the organization's. Each must be an
    /// item type of the file or the organization (or one the action already names, so an export of an organization
    /// whose item type was deleted still imports).
    /// </summary>
    private List<string> ItemTypeReferences(IReadOnlyList<string> ids, string path, ActionDefinition? target)
    {
        var result = new List<string>();
        for (var j = 0; j < ids.Count; j++)
        {
            var id = ids[j] is { } given ? itemTypeIdMap.GetValueOrDefault(given, given) : string.Empty;
            if (!knownItemTypeIds.Contains(id) && target?.ItemTypeIds.Contains(id, StringComparer.Ordinal) != true)
            {
                Add($"{path}/itemTypeIds/{j}", $"No item type '{id}' exists in the file or the organization.");
            }

            result.Add(id);
        }

        return result;
    }

    private bool CheckId(string? id, string path, HashSet<string> seen, IReadOnlySet<string> foreign)
    {
        if (!ConfigIds.IsValid(id))
        {
            Add($"{path}/id", ConfigIds.Rule);
            return false;
        }

        if (!seen.Add(id!))
        {
            Add($"{path}/id", $"The id '{id}' appears twice in the file.");
            return false;
        }

        if (foreign.Contains(id!))
        {
            Add($"{path}/id", $"The id '{id}' belongs to another organization.");
            return false;
        }

        return true;
    }

    private static bool Cycles(Dictionary<string, (string Name, string? ParentId)> final, string id)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = final[id].ParentId; current is not null && final.TryGetValue(current, out var next); current = next.ParentId)
        {
            if (current == id || !seen.Add(current))
            {
                return true;
            }
        }

        return false;
    }

    private static IEnumerable<PolicyImport> ParentsFirst(List<PolicyImport> imports, Dictionary<string, (string Name, string? ParentId)> final)
    {
        int Depth(string id)
        {
            var depth = 0;
            for (var current = final[id].ParentId; current is not null && final.TryGetValue(current, out var next) && depth < final.Count; current = next.ParentId)
            {
                depth++;
            }

            return depth;
        }

        return imports.OrderBy(i => Depth(i.Id));
    }

    private void AddAll(string path, Dictionary<string, string[]> fieldErrors)
    {
        foreach (var (field, messages) in fieldErrors)
        {
            foreach (var message in messages)
            {
                Add($"{path}/{JsonName(field)}", message);
            }
        }
    }

    private void Add(string pointer, string message)
    {
        if (!errors.TryGetValue(pointer, out var list))
        {
            errors[pointer] = list = [];
        }

        list.Add(message);
    }

    private static string JsonName(string field) => field.Length == 0 ? field : char.ToLowerInvariant(field[0]) + field[1..];
}
