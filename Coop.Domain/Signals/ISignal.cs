namespace Coop.Domain.Signals;

/// <summary>
/// A signal: a function from one input value (a text, an image URL, a geohash, a user id…) to a score, plus the
/// manifest that describes it. Implementations are registered by assembly scanning; one instance serves every
/// organization, so anything per organization comes through the request. A signal may throw: the engine turns a
/// failure into an <see cref="SignalResult.Failed"/> result (the condition is then "unavailable"), so a signal
/// throws only for unexpected faults and returns <see cref="SignalResult.Failed"/> for expected ones.
/// </summary>
public interface ISignal
{
    SignalManifest Manifest { get; }

    ValueTask<SignalResult> RunAsync(SignalRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// One signal run: the value to score, the condition's matching values and arguments, and the item it belongs to
/// (for caching per item version). <see cref="Settings"/> holds the organization's settings for this signal.
/// </summary>
public sealed record SignalRequest(
    SignalItem Item,
    string Value,
    IReadOnlyList<string> Strings,
    IReadOnlyList<string> BankIds,
    IReadOnlyDictionary<string, string> Arguments,
    IReadOnlyDictionary<string, string> Settings)
{
    public string OrganizationId => Item.OrganizationId;
}

/// <summary>The item a signal runs for. <see cref="Version"/> changes with each submitted version (a cache key part).</summary>
public sealed record SignalItem(string OrganizationId, string ItemTypeId, string ItemId, string Version);

/// <summary>A signal's answer: a score of the manifest's output type, or a failure. <see cref="MatchedValue"/> says what matched.</summary>
public sealed record SignalResult
{
    private SignalResult()
    {
    }

    public SignalOutputType Type { get; private init; }

    public bool BooleanValue { get; private init; }

    public double NumberValue { get; private init; }

    public string? StringValue { get; private init; }

    /// <summary>What matched (a bank entry, a category), for explaining the result.</summary>
    public string? MatchedValue { get; private init; }

    /// <summary>Set when the signal could not score the value (timeout, open circuit, bad image…).</summary>
    public string? Error { get; private init; }

    public bool IsFailure => Error is not null;

    public static SignalResult Boolean(bool value, string? matchedValue = null) =>
        new() { Type = SignalOutputType.Boolean, BooleanValue = value, MatchedValue = matchedValue };

    public static SignalResult Number(double value, string? matchedValue = null) =>
        new() { Type = SignalOutputType.Number, NumberValue = value, MatchedValue = matchedValue };

    public static SignalResult Text(string value, string? matchedValue = null) =>
        new() { Type = SignalOutputType.String, StringValue = value, MatchedValue = matchedValue };

    public static SignalResult Failed(string error) => new() { Error = error };

    /// <summary>The score as text, as comparisons and traces use it (invariant culture; booleans as true/false).</summary>
    public string? ScoreText => IsFailure
        ? null
        : Type switch
        {
            SignalOutputType.Boolean => BooleanValue ? "true" : "false",
            SignalOutputType.Number => NumberValue.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
            _ => StringValue,
        };
}
