namespace Coop.Domain.Rules;

/// <summary>
/// The evaluation of every enabled rule on one item version (one row per submission and environment): which
/// rules ran, passed, acted, and the condition trace of each, as JSON (a list of <see cref="RuleResult"/>).
/// </summary>
public sealed class RuleEvaluation
{
    private RuleEvaluation()
    {
    }

    public long Id { get; private set; }

    public string OrganizationId { get; private set; } = string.Empty;

    public string ItemTypeId { get; private set; } = string.Empty;

    public string ItemId { get; private set; } = string.Empty;

    /// <summary>The submission (item version) evaluated; null for a pasted spot-test item.</summary>
    public long? SubmissionId { get; private set; }

    public RuleEnvironment Environment { get; private set; }

    public DateTime EvaluatedAt { get; private set; }

    public int RulesEvaluated { get; private set; }

    public int RulesPassed { get; private set; }

    /// <summary>The results (<see cref="RuleResult"/> list) as JSON.</summary>
    public string ResultsJson { get; private set; } = "[]";

    public static RuleEvaluation Record(
        string organizationId, string itemTypeId, string itemId, long? submissionId, RuleEnvironment environment,
        IReadOnlyList<RuleResult> results, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(results);
        return new RuleEvaluation
        {
            OrganizationId = organizationId,
            ItemTypeId = itemTypeId,
            ItemId = itemId,
            SubmissionId = submissionId,
            Environment = environment,
            EvaluatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
            RulesEvaluated = results.Count,
            RulesPassed = results.Count(r => r.Passed),
            ResultsJson = RuleResult.Serialize(results),
        };
    }
}
