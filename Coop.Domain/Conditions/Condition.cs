using System.Text.Json.Serialization;

namespace Coop.Domain.Conditions;

/// <summary>
/// A condition over an item and its context (a report, an appeal, signals): a set of conditions joined by AND/OR,
/// or one comparison. Routing rules and proactive rules share it. Stored as JSON.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ConditionSet), "set")]
[JsonDerivedType(typeof(LeafCondition), "condition")]
public abstract record Condition;

/// <summary>Conditions joined by <see cref="Conjunction"/>; sets nest. An empty set matches everything.</summary>
public sealed record ConditionSet(Conjunction Conjunction, IReadOnlyList<Condition> Conditions) : Condition;

/// <summary>
/// One comparison: the <see cref="Input"/> (with <see cref="Field"/> naming the item field or role) compared with
/// <see cref="Values"/>. With a <see cref="Signal"/>, each input value is first scored by the signal and the score
/// is compared (a boolean signal with <see cref="Comparator.Equals"/> and no values means "is true").
/// </summary>
public sealed record LeafCondition(
    ConditionInput Input, Comparator Comparator, IReadOnlyList<string> Values, string? Field = null, SignalCall? Signal = null) : Condition;

/// <summary>
/// A signal used by a condition: its manifest id, inline matching strings, the banks to match against and the
/// condition-level arguments (see the manifest's condition fields).
/// </summary>
public sealed record SignalCall(string Id, IReadOnlyList<string>? Strings = null, IReadOnlyList<string>? BankIds = null, IReadOnlyDictionary<string, string>? Arguments = null)
{
    public IReadOnlyList<string> StringList => Strings ?? [];

    public IReadOnlyList<string> BankIdList => BankIds ?? [];

    public IReadOnlyDictionary<string, string> ArgumentMap => Arguments ?? EmptyArguments;

    private static readonly IReadOnlyDictionary<string, string> EmptyArguments = new Dictionary<string, string>();

    /// <summary>A key identifying the same signal with the same matching values and arguments (memoisation).</summary>
    public string Key => string.Join('\u001f', [Id, string.Join('\u001e', StringList), string.Join('\u001e', BankIdList),
        string.Join('\u001e', ArgumentMap.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Key + "=" + a.Value))]);
}

[JsonConverter(typeof(JsonStringEnumConverter<Conjunction>))]
public enum Conjunction
{
    /// <summary>Every condition matches.</summary>
    And,

    /// <summary>At least one condition matches.</summary>
    Or,

    /// <summary>None of the conditions matches (NOT of one condition; NOR of several).</summary>
    Not,

    /// <summary>Exactly one condition matches.</summary>
    Xor,
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

    /// <summary>The field holding a role (<see cref="LeafCondition.Field"/> names the role, e.g. <c>DisplayName</c>).</summary>
    ItemRole,

    /// <summary>Every text field of the item joined by spaces.</summary>
    AllText,

    /// <summary>The URL of every image in the item.</summary>
    AnyImage,

    /// <summary>The URL of every video in the item.</summary>
    AnyVideo,

    /// <summary>Every geohash in the item.</summary>
    AnyGeohash,

    /// <summary>The item's author (the user item itself for user items), as its id.</summary>
    Author,

    /// <summary>The author's live strike score.</summary>
    AuthorStrikeScore,

    /// <summary>The author's account age in days (from the user item's creation time, else when Coop first saw it).</summary>
    AuthorAccountAgeDays,

    /// <summary>Where the event came from: <c>post-items</c>, <c>post-content</c>, <c>submit-report</c>, <c>submit-appeal</c>, <c>backtest</c>…</summary>
    Source,
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

    /// <summary>The condition's signal could not score the value (timeout, error); passes only then.</summary>
    IsUnavailable,
}
