using System.Text.Json;
using Coop.Domain.Authorization;
using Coop.Domain.Conditions;
using Coop.Domain.Rules;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.Engine;

/// <summary>The rule evaluations of one item, newest first: which rules ran on each version, passed, acted, and why (the traces).</summary>
[RequiresPermission(Permissions.ViewInvestigation)]
public sealed record GetItemRuleResultsQuery(string ItemTypeId, string ItemId, int Take = 20);

public sealed record ItemRuleEvaluation(long? SubmissionId, RuleEnvironment Environment, DateTime EvaluatedAt, IReadOnlyList<ItemRuleResult> Results);

/// <summary>One rule's result with the condition of the version that produced it (null if that version is gone).</summary>
public sealed record ItemRuleResult(RuleResult Result, Condition? Condition);

internal sealed class GetItemRuleResultsHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser)
    : IQueryHandler<GetItemRuleResultsQuery, IReadOnlyList<ItemRuleEvaluation>>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<IReadOnlyList<ItemRuleEvaluation>> HandleAsync(GetItemRuleResultsQuery query, CancellationToken cancellationToken = default)
    {
        var org = (await currentUser.RequireActorAsync()).OrganizationId;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var evaluations = await db.RuleEvaluations.AsNoTracking()
            .Where(e => e.OrganizationId == org && e.ItemTypeId == query.ItemTypeId && e.ItemId == query.ItemId)
            .OrderByDescending(e => e.EvaluatedAt).ThenByDescending(e => e.Id).Take(Math.Clamp(query.Take, 1, 100))
            .ToListAsync(cancellationToken);
        var parsed = evaluations.Select(e => (Evaluation: e, Results: RuleResult.Deserialize(e.ResultsJson))).ToList();
        var ruleIds = parsed.SelectMany(p => p.Results.Select(r => r.RuleId)).Distinct().ToList();
        var versions = await db.RuleVersions.AsNoTracking().Where(v => v.OrganizationId == org && ruleIds.Contains(v.RuleId))
            .Select(v => new { v.RuleId, v.Version, v.DefinitionJson }).ToListAsync(cancellationToken);
        var conditions = new Dictionary<(string, int), Condition?>();
        foreach (var v in versions)
        {
            conditions[(v.RuleId, v.Version)] = ConditionOf(v.DefinitionJson);
        }

        return
        [
            .. parsed.Select(p => new ItemRuleEvaluation(p.Evaluation.SubmissionId, p.Evaluation.Environment, p.Evaluation.EvaluatedAt,
                [.. p.Results.OrderByDescending(r => r.Passed).ThenBy(r => r.RuleName, StringComparer.OrdinalIgnoreCase)
                    .Select(r => new ItemRuleResult(r, conditions.GetValueOrDefault((r.RuleId, r.Version))))])),
        ];
    }

    private static Condition? ConditionOf(string definitionJson)
    {
        try
        {
            return JsonSerializer.Deserialize<RuleDefinition>(definitionJson, Json) is { ConditionJson: { } json } ? ConditionEvaluator.Deserialize(json) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
