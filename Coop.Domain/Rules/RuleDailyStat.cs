namespace Coop.Domain.Rules;

/// <summary>Per rule and UTC day: evaluations, matches and acting matches (rule insights). Incremented with each evaluation batch.</summary>
public sealed class RuleDailyStat
{
    private RuleDailyStat()
    {
    }

    public string OrganizationId { get; private set; } = string.Empty;

    public string RuleId { get; private set; } = string.Empty;

    public DateOnly Day { get; private set; }

    public long Evaluations { get; private set; }

    public long Matches { get; private set; }

    public long Actions { get; private set; }

    public static RuleDailyStat Start(string organizationId, string ruleId, DateOnly day) =>
        new() { OrganizationId = organizationId, RuleId = ruleId, Day = day };

    public void Add(long evaluations, long matches, long actions)
    {
        Evaluations += evaluations;
        Matches += matches;
        Actions += actions;
    }
}
