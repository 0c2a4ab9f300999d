using Coop.Domain.Conditions;

namespace Coop.Web.Features.Rules.Components;

/// <summary>How conditions read in the console: input, comparator and conjunction names, and one-line descriptions.</summary>
public static class ConditionText
{
    /// <summary>The inputs a proactive rule may look at (the report inputs belong to routing rules).</summary>
    public static IReadOnlyList<ConditionInput> RuleInputs { get; } =
    [
        ConditionInput.AllText, ConditionInput.ItemField, ConditionInput.ItemRole, ConditionInput.AnyImage, ConditionInput.AnyVideo,
        ConditionInput.AnyGeohash, ConditionInput.Author, ConditionInput.AuthorStrikeScore, ConditionInput.AuthorAccountAgeDays,
        ConditionInput.ItemType, ConditionInput.Source,
    ];

    public static string InputName(ConditionInput input) => input switch
    {
        ConditionInput.ItemType => "Item type id",
        ConditionInput.ReportReason => "Reason given",
        ConditionInput.ReportPolicy => "Policy id chosen",
        ConditionInput.ReporterId => "Reporter id",
        ConditionInput.ReporterType => "Reporter type id",
        ConditionInput.ItemField => "Item field",
        ConditionInput.ItemRole => "Field with role",
        ConditionInput.AllText => "All text",
        ConditionInput.AnyImage => "Any image",
        ConditionInput.AnyVideo => "Any video",
        ConditionInput.AnyGeohash => "Any geohash",
        ConditionInput.Author => "Author",
        ConditionInput.AuthorStrikeScore => "Author's strike score",
        ConditionInput.AuthorAccountAgeDays => "Author's account age (days)",
        ConditionInput.Source => "Source",
        _ => input.ToString(),
    };

    public static string ComparatorName(Comparator comparator) => comparator switch
    {
        Comparator.Equals => "equals",
        Comparator.NotEquals => "does not equal",
        Comparator.Contains => "contains",
        Comparator.StartsWith => "starts with",
        Comparator.MatchesRegex => "matches regex",
        Comparator.IsOneOf => "is one of",
        Comparator.LessThan => "<",
        Comparator.LessOrEqual => "≤",
        Comparator.GreaterThan => ">",
        Comparator.GreaterOrEqual => "≥",
        Comparator.IsEmpty => "is empty",
        Comparator.IsNotEmpty => "is not empty",
        Comparator.IsUnavailable => "is unavailable",
        _ => comparator.ToString(),
    };

    public static string ConjunctionName(Conjunction conjunction) => conjunction switch
    {
        Conjunction.And => "all of",
        Conjunction.Or => "any of",
        Conjunction.Not => "none of",
        _ => "exactly one of",
    };

    public static string Describe(Condition? condition, Func<string, string?>? signalName = null) => condition switch
    {
        ConditionSet { Conditions.Count: 0 } => "always",
        ConditionSet set => $"{ConjunctionName(set.Conjunction)} ({string.Join("; ", set.Conditions.Select(c => Describe(c, signalName)))})",
        LeafCondition leaf => DescribeLeaf(leaf, signalName),
        _ => "?",
    };

    public static string DescribeLeaf(LeafCondition leaf, Func<string, string?>? signalName = null)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var input = leaf.Input switch
        {
            ConditionInput.ItemField => $"field {leaf.Field}",
            ConditionInput.ItemRole => $"{leaf.Field} field",
            _ => InputName(leaf.Input).ToLowerInvariant(),
        };
        if (leaf.Signal is { } call)
        {
            var matching = call.StringList.Count + call.BankIdList.Count > 0
                ? $" [{string.Join(", ", call.StringList.Concat(call.BankIdList.Select(b => $"bank {b}")))}]"
                : string.Empty;
            input = $"{signalName?.Invoke(call.Id) ?? call.Id}{matching} of {input}";
        }

        return $"{input} {ComparatorName(leaf.Comparator)} {string.Join(", ", leaf.Values ?? [])}".Trim();
    }
}
