namespace Coop.Web.Features.Rules.Engine;

/// <summary>
/// Evaluates the organization's enabled rules (or just <c>ruleIds</c>) on a pasted item without recording or acting:
/// the spot test. <see cref="SpotTestResult.DataErrors"/> lists why the data does not fit the item type.
/// </summary>
public interface IRuleSpotTester
{
    Task<SpotTestResult> TestAsync(string organizationId, string itemTypeId, System.Text.Json.Nodes.JsonObject data, string? itemId, IReadOnlyList<string>? ruleIds, CancellationToken cancellationToken);
}

public sealed record SpotTestResult(IReadOnlyList<string> DataErrors, IReadOnlyList<Coop.Domain.Rules.RuleResult> Results);
