namespace Coop.Domain.Rules;

/// <summary>
/// One passing evaluation of one rule (matches are rare next to evaluations, so each is kept): the samples of
/// rule insights, the candidates of a retroaction, and the "rules that matched" list of an item.
/// </summary>
public sealed class RuleMatch
{
    private RuleMatch()
    {
    }

    public long Id { get; private set; }

    public string OrganizationId { get; private set; } = string.Empty;

    public string RuleId { get; private set; } = string.Empty;

    public int RuleVersion { get; private set; }

    public string ItemTypeId { get; private set; } = string.Empty;

    public string ItemId { get; private set; } = string.Empty;

    public long? SubmissionId { get; private set; }

    public RuleEnvironment Environment { get; private set; }

    public bool Acted { get; private set; }

    public DateTime MatchedAt { get; private set; }

    public static RuleMatch Record(
        string organizationId, RuleResult result, string itemTypeId, string itemId, long? submissionId, RuleEnvironment environment, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new RuleMatch
        {
            OrganizationId = organizationId,
            RuleId = result.RuleId,
            RuleVersion = result.Version,
            ItemTypeId = itemTypeId,
            ItemId = itemId,
            SubmissionId = submissionId,
            Environment = environment,
            Acted = result.Acted,
            MatchedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
        };
    }
}
