namespace Coop.Domain.Actions;

/// <summary>The wire names of <see cref="ActionType"/> (Coop 1.0's values).</summary>
public static class ActionTypeNames
{
    public static IReadOnlyList<ActionType> All { get; } = Enum.GetValues<ActionType>();

    public static string ToWireName(this ActionType type) => type switch
    {
        ActionType.CustomAction => "CUSTOM_ACTION",
        ActionType.EnqueueToMrt => "ENQUEUE_TO_MRT",
        ActionType.EnqueueAuthorToMrt => "ENQUEUE_AUTHOR_TO_MRT",
        ActionType.EnqueueToNcmec => "ENQUEUE_TO_NCMEC",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryParse(string? wireName, out ActionType type)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(candidate.ToWireName(), wireName, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = ActionType.CustomAction;
        return false;
    }

    public static ActionType Parse(string wireName) =>
        TryParse(wireName, out var type) ? type : throw new FormatException($"'{wireName}' is not an action type.");
}
