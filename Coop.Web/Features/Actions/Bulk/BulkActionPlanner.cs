using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Items;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Actions.Execution;
using Coop.Web.Features.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Actions.Bulk;

/// <summary>What a bulk run applies to each of its items, checked: the item type, the actions with their parameter values, the policies.</summary>
public sealed record BulkActionPlan(ResolvedItemType ItemType, IReadOnlyList<ActionInvocation> Actions, IReadOnlyList<PolicyReference> Policies);

/// <summary>
/// Checks a bulk run's choices the way a single run checks them (<see cref="ActionRunner"/>): the item type and actions exist,
/// each action can run here, each action's parameter values are valid. Policies that do not exist are dropped, as Coop does.
/// Error keys: <c>itemTypeId</c>, <c>actionIds</c>, <c>actions/{actionId}/parameters[/{name}]</c>.
/// </summary>
public sealed class BulkActionPlanner(ItemTypeCatalog catalog, ActionPublisher publisher)
{
    /// <summary>Ids per IN list when counting or resolving items (well under every provider's parameter limit).</summary>
    public const int LookupBatch = 500;

    public async Task<(BulkActionPlan? Plan, IReadOnlyDictionary<string, string[]> Errors)> PlanAsync(
        CoopDbContext db, string organizationId, string itemTypeId, IReadOnlyList<string> actionIds,
        IReadOnlyDictionary<string, JsonObject?> parameters, IReadOnlyList<string> policyIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(actionIds);
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(policyIds);
        var errors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string key, string message) => (errors.TryGetValue(key, out var list) ? list : errors[key] = []).Add(message);

        var itemType = (await catalog.GetLatestAsync(organizationId, cancellationToken)).ById(itemTypeId ?? string.Empty);
        if (itemType is null)
        {
            Add("itemTypeId", string.IsNullOrEmpty(itemTypeId) ? "Choose an item type." : $"There is no item type with the id '{itemTypeId}'.");
        }

        var ids = actionIds.Where(a => !string.IsNullOrWhiteSpace(a)).Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0)
        {
            Add("actionIds", "Choose at least one action.");
        }

        var actions = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == organizationId && ids.Contains(a.Id)).ToListAsync(cancellationToken);
        var invocations = new List<ActionInvocation>();
        foreach (var id in ids)
        {
            var action = actions.FirstOrDefault(a => a.Id == id);
            if (action is null)
            {
                Add("actionIds", $"There is no action with the id '{id}'.");
                continue;
            }

            if (!publisher.CanRun(action))
            {
                Add("actionIds", $"The action '{action.Name}' cannot be run this way in this version of Coop.");
                continue;
            }

            // Re-read as JSON so values built in code (a JsonValue of int) check and serialize exactly as parsed ones do.
            var values = parameters.GetValueOrDefault(id) is { } given ? JsonNode.Parse(given.ToJsonString()) as JsonObject : null;
            foreach (var (name, message) in ActionParameters.ValueErrors(action.Parameters, values))
            {
                Add(name.Length == 0 ? $"actions/{id}/parameters" : $"actions/{id}/parameters/{name}", message);
            }

            invocations.Add(new ActionInvocation(action, values));
        }

        if (errors.Count > 0)
        {
            return (null, errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
        }

        var wanted = policyIds.Distinct(StringComparer.Ordinal).ToList();
        var policies = await db.Policies.AsNoTracking().Where(p => p.OrganizationId == organizationId && wanted.Contains(p.Id)).ToListAsync(cancellationToken);
        var references = policies.OrderBy(p => wanted.IndexOf(p.Id)).Select(p => new PolicyReference(p.Id, p.Name, p.Penalty, p.UserStrikeCount)).ToList();
        return (new BulkActionPlan(itemType!, invocations, references), new Dictionary<string, string[]>());
    }

    /// <summary>How many of <paramref name="itemIds"/> Coop has seen as items of the type.</summary>
    public static async Task<int> CountKnownAsync(
        CoopDbContext db, string organizationId, string itemTypeId, IReadOnlyList<string> itemIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(itemIds);
        var known = 0;
        foreach (var batch in itemIds.Chunk(LookupBatch))
        {
            known += await db.Set<Item>().AsNoTracking()
                .CountAsync(i => i.OrganizationId == organizationId && i.ItemTypeId == itemTypeId && batch.Contains(i.ItemId), cancellationToken);
        }

        return known;
    }
}
