namespace Coop.Domain.Strikes;

/// <summary>Coop's strike arithmetic.</summary>
public static class StrikeRules
{
    public const int DefaultTtlDays = 90;
    public const int MaxTtlDays = 3650;

    /// <summary>
    /// The weight of one event: among the strike-enabled actions it ran, each takes the heaviest of the event's
    /// policies; the event counts the heaviest of those once (one strike row per event, not per action or policy).
    /// Null when no action is strike enabled, no policy applies, or every weight is zero.
    /// </summary>
    public static (string PolicyId, int Weight)? EventWeight(bool anyStrikeEnabledAction, IEnumerable<(string PolicyId, int Weight)> policies)
    {
        ArgumentNullException.ThrowIfNull(policies);
        if (!anyStrikeEnabledAction)
        {
            return null;
        }

        var heaviest = policies.Where(p => p.Weight > 0).OrderByDescending(p => p.Weight).ThenBy(p => p.PolicyId, StringComparer.Ordinal).FirstOrDefault();
        return heaviest.Weight > 0 ? heaviest : null;
    }

    /// <summary>
    /// The 1–5 "user quality" score of Coop's deprecated <c>GET /api/v1/user_scores</c> (5 = good), derived from
    /// active strikes: 0 → 5, 1 → 4, 2–3 → 3, 4–6 → 2, 7 or more → 1.
    /// </summary>
    public static int UserScore(int activeStrikes) => activeStrikes switch
    {
        <= 0 => 5,
        1 => 4,
        <= 3 => 3,
        <= 6 => 2,
        _ => 1,
    };
}
