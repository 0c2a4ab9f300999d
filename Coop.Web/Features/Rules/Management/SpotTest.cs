using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.Authorization;
using Coop.Domain.Conditions;
using Coop.Domain.Rules;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Rules.Engine;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.Management;

/// <summary>
/// Runs the organization's enabled rules (or <see cref="RuleIds"/>, whatever their status) on a pasted item without
/// recording or acting. Error keys: <c>ItemTypeId</c>, <c>Data</c>.
/// </summary>
[RequiresPermission(Permissions.ViewRulesDashboard)]
public sealed record SpotTestQuery(string ItemTypeId, string DataJson, string? ItemId = null, IReadOnlyList<string>? RuleIds = null);

/// <summary>The spot test's answer: problems with the data, and each rule's result with the condition its trace explains.</summary>
public sealed record SpotTestView(IReadOnlyList<string> DataErrors, IReadOnlyList<SpotTestRuleView> Results);

public sealed record SpotTestRuleView(RuleResult Result, Condition? Condition);

internal sealed class SpotTestHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, IEnumerable<IRuleSpotTester> testers)
    : IQueryHandler<SpotTestQuery, SpotTestView>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<SpotTestView> HandleAsync(SpotTestQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var actor = await currentUser.RequireActorAsync();
        var tester = testers.LastOrDefault() ?? throw new ValidationFailedException(string.Empty, "Spot tests are not available: this build has no rule engine.");
        JsonObject data;
        try
        {
            data = JsonNode.Parse(string.IsNullOrWhiteSpace(query.DataJson) ? "{}" : query.DataJson) as JsonObject
                ?? throw new ValidationFailedException("Data", "Paste the item's data as a JSON object ({ \"text\": \"…\" }).");
        }
        catch (JsonException ex)
        {
            throw new ValidationFailedException("Data", $"That is not valid JSON: {ex.Message}");
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.ItemTypes.AnyAsync(t => t.Id == query.ItemTypeId && t.OrganizationId == actor.OrganizationId, cancellationToken))
        {
            throw new ValidationFailedException("ItemTypeId", "Choose an item type.");
        }

        var itemId = string.IsNullOrWhiteSpace(query.ItemId) ? null : query.ItemId.Trim();
        var result = await tester.TestAsync(actor.OrganizationId, query.ItemTypeId, data, itemId, query.RuleIds, cancellationToken);
        var ruleIds = result.Results.Select(r => r.RuleId).Distinct().ToList();
        var rules = await db.Rules.AsNoTracking().Where(r => r.OrganizationId == actor.OrganizationId && ruleIds.Contains(r.Id))
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        var views = new List<SpotTestRuleView>();
        foreach (var r in result.Results)
        {
            var json = rules.GetValueOrDefault(r.RuleId) is { } rule && rule.Version == r.Version
                ? rule.ConditionJson
                : await db.RuleVersions.AsNoTracking().Where(v => v.RuleId == r.RuleId && v.Version == r.Version).Select(v => v.DefinitionJson).SingleOrDefaultAsync(cancellationToken) is { } definition
                    ? JsonSerializer.Deserialize<RuleDefinition>(definition, Json)?.ConditionJson
                    : null;
            views.Add(new SpotTestRuleView(r, json is null ? null : ConditionEvaluator.Deserialize(json)));
        }

        return new SpotTestView(result.DataErrors, views);
    }
}
