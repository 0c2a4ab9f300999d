namespace Coop.Domain.Policies;

/// <summary>The wire names of <see cref="Penalty"/> (Coop 1.0's enum values), used in the database, exports and webhooks.</summary>
public static class PenaltyNames
{
    public static IReadOnlyList<Penalty> All { get; } = Enum.GetValues<Penalty>();

    public static string ToWireName(this Penalty penalty) => penalty switch
    {
        Penalty.None => "NONE",
        Penalty.Low => "LOW",
        Penalty.Medium => "MEDIUM",
        Penalty.High => "HIGH",
        Penalty.Severe => "SEVERE",
        _ => throw new ArgumentOutOfRangeException(nameof(penalty), penalty, null),
    };

    public static bool TryParse(string? wireName, out Penalty penalty)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToWireName(), wireName, StringComparison.OrdinalIgnoreCase))
            {
                penalty = candidate;
                return true;
            }
        }

        penalty = Penalty.None;
        return false;
    }

    public static Penalty Parse(string wireName) =>
        TryParse(wireName, out var penalty) ? penalty : throw new FormatException($"'{wireName}' is not a penalty (NONE, LOW, MEDIUM, HIGH, SEVERE).");
}
