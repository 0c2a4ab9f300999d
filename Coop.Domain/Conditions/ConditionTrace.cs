using System.Text.Json.Serialization;

namespace Coop.Domain.Conditions;

/// <summary>How one condition came out. Sets treat <see cref="Inapplicable"/> as false and <see cref="Errored"/> as unknown.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ConditionOutcome>))]
public enum ConditionOutcome
{
    Passed,
    Failed,

    /// <summary>The input had no value (a field this item type lacks, an absent author…).</summary>
    Inapplicable,

    /// <summary>A signal could not score the value.</summary>
    Errored,

    /// <summary>Not evaluated: an earlier condition already decided the set.</summary>
    Skipped,
}

/// <summary>
/// The explanation of one evaluation: each condition's outcome at its JSON path (<c>conditions/0/1</c>), with the
/// score, the matched value and any signal error for leaves. Stored with rule evaluations and shown on the
/// investigation page.
/// </summary>
public sealed record ConditionTrace(string Path, ConditionOutcome Outcome)
{
    public IReadOnlyList<ConditionTrace>? Children { get; init; }

    public string? Score { get; init; }

    public string? MatchedValue { get; init; }

    public string? Error { get; init; }

    [JsonIgnore]
    public bool Passed => Outcome == ConditionOutcome.Passed;
}
