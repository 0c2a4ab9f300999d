using Coop.Domain.Actions;
using Coop.Domain.Common;
using Coop.Domain.Conditions;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Domain.Policies;
using Coop.Web.Features.Review.Queues;
using Coop.Web.Features.Review.Routing;

namespace Coop.Web.Features.Configuration;

/// <summary>
/// Checks a whole configuration file against the target organization before anything is written, and
/// reports every problem with the JSON pointer of the offending value.
/// </summary>
internal sealed class ImportValidator(
    IReadOnlyCollection<ItemType> itemTypes,
    IReadOnlyCollection<Policy> policies,
    IReadOnlyCollection<ActionDefinition> actions,
    IReadOnlyCollection<ReviewQueue> queues,
    IReadOnlyCollection<RoutingRule> rules,
    ConfigDirectory directory,
    ForeignIds idsOfOtherOrganizations)
{
    /// <summary>No foreign ids: a default queue's id is checked once it is known not to be matched to the organization's.</summary>
    private static readonly HashSet<string> NoIds = [];

    private readonly Dictionary<string, List<string>> errors = new(StringComparer.Ordinal);

    /// <summary>Item type ids actions may name: the organization's and the file's.</summary>
    private readonly HashSet<string> knownItemTypeIds = new(itemTypes.Select(t => t.Id), StringComparer.Ordinal);

    /// <summary>The file's id of the default user type → the target organization's (they differ between installs).</summary>
    private readonly Dictionary<string, string> itemTypeIdMap = new(StringComparer.Ordinal);

    /// <summary>Policy ids conditions may name: the organization's and the file's.</summary>
    private readonly HashSet<string> knownPolicyIds = new(policies.Select(p => p.Id), StringComparer.Ordinal);

    /// <summary>Action ids queues may hide: the organization's and the file's.</summary>
    private readonly HashSet<string> knownActionIds = new(actions.Select(a => a.Id), StringComparer.Ordinal);

    /// <summary>The file's ids of built-in actions → the target organization's (they differ between installs).</summary>
    private readonly Dictionary<string, string> actionIdMap = new(StringComparer.Ordinal);

    /// <summary>The kind of every queue rules may send to once the file is applied: the organization's and the file's.</summary>
    private readonly Dictionary<string, QueueKind> queueKinds = queues.ToDictionary(q => q.Id, q => q.Kind, StringComparer.Ordinal);

    /// <summary>The file's ids of default queues → the target organization's default queue of the kind.</summary>
    private readonly Dictionary<string, string> queueIdMap = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string[]> Errors =>
        errors.ToDictionary(e => e.Key, e => e.Value.Select(m => $"{e.Key}: {m}").ToArray(), StringComparer.Ordinal);

    public ImportPlan Validate(ConfigDocument document)
    {
        if (document.Version != ConfigDocument.CurrentVersion)
        {
            Add("/version", $"This Coop reads version {ConfigDocument.CurrentVersion} files; the file has version {document.Version}.");
        }

        // In the order of application: actions name item types, queues name actions, rules name queues, policies and item types.
        var itemTypeImports = ValidateItemTypes(document.ItemTypes ?? []);
        var policyImports = ValidatePolicies(document.Policies ?? []);
        var actionImports = ValidateActions(document.Actions ?? []);
        var queueImports = ValidateQueues(document.Queues ?? []);
        return new ImportPlan(itemTypeImports, policyImports, actionImports, queueImports, ValidateRoutingRules(document.RoutingRules ?? []));
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

    /// <summary>Once validated: the organization's id of an action the file names (a built-in action's id of another install maps to this one's); null when neither the file nor the organization has it.</summary>
    public string? ActionId(string? id) =>
        id is { } given && actionIdMap.GetValueOrDefault(given, given) is var mapped && knownActionIds.Contains(mapped) ? mapped : null;

    /// <summary>Once validated: whether the policy id is the organization's or the file's.</summary>
    public bool KnowsPolicy(string id) => knownPolicyIds.Contains(id);

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
            knownPolicyIds.Add(entry.Id!);
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

                if (!string.IsNullOrWhiteSpace(entry.Id))
                {
                    actionIdMap[entry.Id] = target.Id;
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
            knownActionIds.Add(id);
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

    private List<QueueImport> ValidateQueues(IReadOnlyList<QueueConfig> entries)
    {
        var existing = queues.ToDictionary(q => q.Id, StringComparer.Ordinal);
        var fileIds = entries.Select(e => e.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var finalNames = queues.ToDictionary(q => q.Id, q => q.Name, StringComparer.Ordinal);
        var flagged = new Dictionary<QueueKind, int>();
        var result = new List<(int Index, QueueImport Import)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var path = $"/queues/{i}";
            if (!CheckId(entry.Id, path, seen, NoIds))
            {
                continue;
            }

            var target = existing.GetValueOrDefault(entry.Id!);
            QueueKind kind;
            if (entry.Kind is null && target is not null)
            {
                kind = target.Kind;
            }
            else if (!QueueWireNames.TryParseKind(entry.Kind, out kind))
            {
                Add($"{path}/kind", QueueWireNames.KindChoices);
                continue;
            }

            if (target is not null && target.Kind != kind)
            {
                Add($"{path}/kind", $"A queue's kind cannot change (it is {target.Kind.ToWire()}).");
                continue;
            }

            var ordering = target?.Ordering ?? QueueOrdering.Age;
            if (entry.Ordering is not null && !QueueWireNames.TryParseOrdering(entry.Ordering, out ordering))
            {
                Add($"{path}/ordering", QueueWireNames.OrderingChoices);
            }

            var isDefault = entry.IsDefault ?? target?.IsDefault ?? false;
            if (isDefault)
            {
                if (flagged.TryGetValue(kind, out var first))
                {
                    Add($"{path}/isDefault", $"Only one {kind.ToWire()} queue is the default (already /queues/{first}).");
                    continue;
                }

                flagged[kind] = i;

                // Every organization has its own default queues: the file's default of a kind is the organization's
                // (whatever its id) unless the file lists that queue too.
                if (target is null && queues.FirstOrDefault(q => q.Kind == kind && q.IsDefault) is { } current && !fileIds.Contains(current.Id))
                {
                    target = current;
                    queueIdMap[entry.Id!] = current.Id;
                }
            }

            if (target is null && idsOfOtherOrganizations.Queues.Contains(entry.Id!))
            {
                Add($"{path}/id", $"The id '{entry.Id}' belongs to another organization.");
                continue;
            }

            var details = new QueueDetails(entry.Name ?? string.Empty, entry.Description, kind, ordering, isDefault,
                UserReferences(entry.ReviewerUsers ?? [], $"{path}/reviewerUsers"), RoleReferences(entry.ReviewerRoles ?? [], $"{path}/reviewerRoles"),
                ActionReferences(entry.HiddenActionIds ?? [], $"{path}/hiddenActionIds"));
            AddAll(path, QueueChanges.ValidateFields(target, details));
            var id = target?.Id ?? entry.Id!;
            finalNames[id] = details.Name.Trim();
            queueKinds[id] = kind;
            result.Add((i, new QueueImport(id, details, target)));
        }

        foreach (var (index, import) in result)
        {
            var name = import.Details.Name.Trim();
            if (name.Length > 0 && finalNames.Any(q => q.Key != import.Id && string.Equals(q.Value, name, StringComparison.OrdinalIgnoreCase)))
            {
                Add($"/queues/{index}/name", $"Another queue is named '{name}'.");
            }

            // There is always one default queue of each kind: the file may move the flag, not drop it.
            if (import.Existing is { IsDefault: true } && !import.Details.IsDefault && !flagged.ContainsKey(import.Details.Kind))
            {
                Add($"/queues/{index}/isDefault",
                    $"This is the organization's default {import.Details.Kind.ToWire()} queue; there is always one, so flag another {import.Details.Kind.ToWire()} queue of the file as the default instead.");
            }
        }

        // Defaults first: a queue taking the flag frees the previous default to be changed.
        return [.. result.Select(r => r.Import).OrderByDescending(i => i.Details.IsDefault)];
    }

    private List<RoutingRuleImport> ValidateRoutingRules(IReadOnlyList<RoutingRuleConfig> entries)
    {
        var existing = rules.ToDictionary(r => r.Id, StringComparer.Ordinal);
        var finalPlaces = rules.ToDictionary(r => r.Id, r => (r.Kind, r.Position, r.Name), StringComparer.Ordinal);
        var result = new List<(int Index, RoutingRuleImport Import, bool Placed)>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var path = $"/routingRules/{i}";
            if (!CheckId(entry.Id, path, seen, idsOfOtherOrganizations.RoutingRules))
            {
                continue;
            }

            var target = existing.GetValueOrDefault(entry.Id!);
            QueueKind kind;
            if (entry.Kind is null && target is not null)
            {
                kind = target.Kind;
            }
            else if (!QueueWireNames.TryParseKind(entry.Kind, out kind))
            {
                Add($"{path}/kind", "Use STANDARD (rules for reports) or APPEALS.");
                continue;
            }

            if (target is not null && target.Kind != kind)
            {
                Add($"{path}/kind", $"A routing rule's kind cannot change (it is {target.Kind.ToWire()}).");
                continue;
            }

            var queueId = entry.TargetQueueId is { } given ? queueIdMap.GetValueOrDefault(given, given) : string.Empty;
            QueueKind? queueKind = queueKinds.TryGetValue(queueId, out var found) ? found : null;
            if (queueKind is null)
            {
                Add($"{path}/targetQueueId", queueId.Length == 0 ? "Name the queue the rule sends to." : $"No queue '{queueId}' exists in the file or the organization.");
                queueKind = kind;
            }

            if (entry.Position is < 0)
            {
                Add($"{path}/position", "Use a position of 0 or more.");
            }

            var details = new RoutingRuleDetails(entry.Name ?? string.Empty, entry.Description, kind, ConditionReferences(entry.Condition, $"{path}/condition")!, queueId);
            AddAll(path, RoutingRuleChanges.Validate(details, queueKind));
            var position = entry.Position ?? target?.Position;
            result.Add((i, new RoutingRuleImport(entry.Id!, details, position ?? 0, target), position is not null));
            if (position is not null)
            {
                finalPlaces[entry.Id!] = (kind, position.Value, details.Name.Trim());
            }
        }

        // A new rule without a position goes last among the rules of its kind, in file order.
        for (var r = 0; r < result.Count; r++)
        {
            if (!result[r].Placed)
            {
                var kind = result[r].Import.Details.Kind;
                var last = finalPlaces.Values.Where(p => p.Kind == kind).Select(p => (int?)p.Position).Max() ?? -1;
                result[r] = result[r] with { Import = result[r].Import with { Position = last + 1 } };
                finalPlaces[result[r].Import.Id] = (kind, last + 1, result[r].Import.Details.Name.Trim());
            }
        }

        foreach (var (index, import, _) in result)
        {
            var kind = import.Details.Kind;
            if (finalPlaces.FirstOrDefault(p => p.Key != import.Id && p.Value.Kind == kind && p.Value.Position == import.Position) is { Key: not null } other)
            {
                Add($"/routingRules/{index}/position",
                    $"The {kind.ToWire()} rule '{other.Value.Name}' also has position {import.Position}; rules of a kind run in position order, so give each its own.");
            }
        }

        return [.. result.Select(r => r.Import)];
    }

    /// <summary>
    /// A condition with the file's default user type id replaced by the organization's, checking that item type and policy
    /// ids it compares with (equals, not equals, is one of) exist in the file or the organization.
    /// </summary>
    private Condition? ConditionReferences(Condition? condition, string path)
    {
        switch (condition)
        {
            case ConditionSet { Conditions: not null } set:
                return set with { Conditions = [.. set.Conditions.Select(c => ConditionReferences(c, path)!)] };
            case LeafCondition { Values: not null, Comparator: Comparator.Equals or Comparator.NotEquals or Comparator.IsOneOf } leaf
                when leaf.Input is ConditionInput.ItemType or ConditionInput.ReporterType:
                var values = leaf.Values.Select(v => v is null ? v! : itemTypeIdMap.GetValueOrDefault(v, v)).ToList();
                foreach (var missing in values.Where(v => !string.IsNullOrEmpty(v) && !knownItemTypeIds.Contains(v, StringComparer.OrdinalIgnoreCase)))
                {
                    Add(path, $"No item type '{missing}' exists in the file or the organization.");
                }

                return leaf with { Values = values };
            case LeafCondition { Values: not null, Comparator: Comparator.Equals or Comparator.NotEquals or Comparator.IsOneOf, Input: ConditionInput.ReportPolicy } leaf:
                foreach (var missing in leaf.Values.Where(v => !string.IsNullOrEmpty(v) && !knownPolicyIds.Contains(v, StringComparer.OrdinalIgnoreCase)))
                {
                    Add(path, $"No policy '{missing}' exists in the file or the organization.");
                }

                return leaf;
            default:
                return condition;
        }
    }

    /// <summary>Reviewers named by email (or user id) → the ids of the organization's users.</summary>
    private List<string> UserReferences(IReadOnlyList<string> names, string path)
    {
        var result = new List<string>();
        for (var j = 0; j < names.Count; j++)
        {
            var name = names[j]?.Trim() ?? string.Empty;
            var user = directory.Users.FirstOrDefault(u => string.Equals(u.Email, name, StringComparison.OrdinalIgnoreCase))
                ?? directory.Users.FirstOrDefault(u => u.Id == name);
            if (user is null)
            {
                Add($"{path}/{j}", $"No user '{name}' in the organization (name reviewers by email).");
                continue;
            }

            result.Add(user.Id);
        }

        return result;
    }

    /// <summary>Reviewer roles named by key (or name, or id) → the ids of the organization's roles.</summary>
    private List<string> RoleReferences(IReadOnlyList<string> names, string path)
    {
        var result = new List<string>();
        for (var j = 0; j < names.Count; j++)
        {
            var name = names[j]?.Trim() ?? string.Empty;
            var role = directory.Roles.FirstOrDefault(r => string.Equals(r.Key, name, StringComparison.OrdinalIgnoreCase))
                ?? directory.Roles.FirstOrDefault(r => string.Equals(r.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? directory.Roles.FirstOrDefault(r => r.Id == name);
            if (role is null)
            {
                Add($"{path}/{j}", $"No role '{name}' in the organization (name roles by key, e.g. MODERATOR).");
                continue;
            }

            result.Add(role.Id);
        }

        return result;
    }

    /// <summary>Action ids with the file's built-in action ids replaced by the organization's; each must be an action of the file or the organization.</summary>
    private List<string> ActionReferences(IReadOnlyList<string> ids, string path)
    {
        var result = new List<string>();
        for (var j = 0; j < ids.Count; j++)
        {
            var id = ids[j] is { } given ? actionIdMap.GetValueOrDefault(given, given) : string.Empty;
            if (!knownActionIds.Contains(id))
            {
                Add($"{path}/{j}", $"No action '{id}' exists in the file or the organization.");
                continue;
            }

            result.Add(id);
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
