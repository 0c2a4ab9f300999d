using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Coop.Domain.ItemTypes;
using Coop.Domain.Signals;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Ingestion;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.Engine;

/// <summary>
/// The spot test: the pasted data is validated as the platform's would be, then the organization's enabled rules (or
/// the rules asked for, whatever their status) are evaluated on it with real signals. Nothing is recorded or acted
/// on. The author's facts come from the data's creator role, as for ingested items.
/// </summary>
internal sealed class RuleSpotTester(
    IDbContextFactory<CoopDbContext> factory, ItemTypeCatalog itemTypes, RuleCatalog catalog, RuleEvaluator evaluator, TimeProvider time) : IRuleSpotTester
{
    public async Task<SpotTestResult> TestAsync(
        string organizationId, string itemTypeId, JsonObject data, string? itemId, IReadOnlyList<string>? ruleIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(data);
        var types = await itemTypes.GetLatestAsync(organizationId, cancellationToken);
        if (types.ById(itemTypeId) is not { } itemType)
        {
            return new SpotTestResult([$"There is no item type with the id '{itemTypeId}'."], []);
        }

        var validation = itemType.Validate((JsonObject)data.DeepClone(), "/data", id => types.ById(id) is not null);
        if (!validation.IsValid)
        {
            return new SpotTestResult([.. validation.Errors.Select(e => $"{e.Pointer}: {e.Detail}")], []);
        }

        var rules = ruleIds is { Count: > 0 }
            ? await catalog.ByIdAsync(organizationId, ruleIds, cancellationToken)
            : await catalog.EnabledAsync(organizationId, cancellationToken);
        rules = [.. rules.Where(r => r.AppliesTo(itemTypeId))];
        var normalized = validation.Data!;
        var id = string.IsNullOrWhiteSpace(itemId) ? "spot-test" : itemId.Trim();
        var roles = itemType.ExtractRoles(normalized);
        var author = itemType.Kind == ItemTypeKind.User ? new ItemIdentifier(id, itemType.Id) : roles.Creator;
        AuthorFacts? facts = null;
        if (author is not null)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            facts = await RuleEngine.AuthorFactsAsync(db, organizationId, author, time.GetUtcNow().UtcDateTime, cancellationToken);
        }

        // The version key is the data's hash: testing the same data again reuses cached classifier scores.
        var version = "spot:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized.ToJsonString())))[..16];
        var results = await evaluator.EvaluateAsync(rules, new ItemSubject(itemType, normalized, facts, "spot-test"),
            new SignalItem(organizationId, itemType.Id, id, version), cancellationToken);
        return new SpotTestResult([], results);
    }
}
