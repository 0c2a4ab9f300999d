namespace Coop.Domain.Strikes;

/// <summary>
/// A strike score that, when a user's total crosses it, fires actions on the item that caused the crossing
/// (with empty policies and rules, no actor, and <c>userStrikeCount</c> set). When one event crosses several
/// thresholds only the highest fires; each fires at most once per crossing.
/// </summary>
public sealed class StrikeThreshold
{
    private StrikeThreshold()
    {
    }

    public long Id { get; private set; }

    public string OrganizationId { get; private set; } = string.Empty;

    public int Threshold { get; private set; }

    /// <summary>Action ids to run (JSON array).</summary>
    public string ActionIds { get; private set; } = "[]";

    /// <summary>Configured parameter values per action id (JSON object of id → object), or "{}".</summary>
    public string ActionParameters { get; private set; } = "{}";

    public static StrikeThreshold Create(string organizationId, int threshold, string actionIds, string? actionParameters = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threshold);
        return new StrikeThreshold
        {
            OrganizationId = organizationId,
            Threshold = threshold,
            ActionIds = string.IsNullOrWhiteSpace(actionIds) ? "[]" : actionIds,
            ActionParameters = string.IsNullOrWhiteSpace(actionParameters) ? "{}" : actionParameters,
        };
    }

    /// <summary>The threshold an event moving a score from <paramref name="before"/> to <paramref name="after"/> fires: the highest one crossed, if any.</summary>
    public static StrikeThreshold? Crossed(IEnumerable<StrikeThreshold> thresholds, int before, int after) =>
        thresholds.Where(t => t.Threshold > before && t.Threshold <= after).MaxBy(t => t.Threshold);
}
