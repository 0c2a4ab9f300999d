using System.Text.Json.Serialization;

namespace Coop.Domain.Conditions;

/// <summary>
/// A condition over an item and its context (a report, an appeal; later, signals): a set of conditions joined by AND/OR,
/// or one comparison. Routing rules use it today; the rules engine extends the inputs and comparators. Stored as JSON.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ConditionSet), "set")]
[JsonDerivedType(typeof(LeafCondition), "condition")]
public abstract record Condition;

/// <summary>Conditions joined by <see cref="Conjunction"/>; sets nest. An empty set matches everything.</summary>
public sealed record ConditionSet(Conjunction Conjunction, IReadOnlyList<Condition> Conditions) : Condition;

/// <summary>One comparison: the <see cref="Input"/> (with <see cref="Field"/> for item fields) compared with <see cref="Values"/>.</summary>
public sealed record LeafCondition(ConditionInput Input, Comparator Comparator, IReadOnlyList<string> Values, string? Field = null) : Condition;

[JsonConverter(typeof(JsonStringEnumConverter<Conjunction>))]
public enum Conjunction
{
    And,
    Or,
}

/// <summary>What a condition looks at.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConditionInput>))]
public enum ConditionInput
{
    /// <summary>The item type id.</summary>
    ItemType,

    /// <summary>The reason the reporter gave.</summary>
    ReportReason,

    /// <summary>The policy id the reporter chose.</summary>
    ReportPolicy,

    /// <summary>The reporter's id.</summary>
    ReporterId,

    /// <summary>The reporter's item type id.</summary>
    ReporterType,

    /// <summary>A field of the item's data, named by <see cref="LeafCondition.Field"/> (arrays give every element).</summary>
    ItemField,
}

/// <summary>How a condition compares. Text comparisons ignore case.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Comparator>))]
public enum Comparator
{
    Equals,
    NotEquals,
    Contains,
    StartsWith,
    MatchesRegex,
    IsOneOf,
    LessThan,
    LessOrEqual,
    GreaterThan,
    GreaterOrEqual,
    IsEmpty,
    IsNotEmpty,
}
