namespace Coop.Domain.Signals;

/// <summary>
/// What a signal is, for the rule editor, the signal gallery and the engine: its stable id, name, what it reads
/// (<see cref="Inputs"/>), what it returns, which matching values it needs, its relative <see cref="Cost"/>
/// (cheaper conditions run first) and its configuration fields.
/// </summary>
/// <param name="Id">Stable id stored in conditions, e.g. <c>text.contains</c>; never renamed.</param>
/// <param name="Name">The display name.</param>
/// <param name="Description">One or two sentences for the signal picker.</param>
/// <param name="Output">What the signal returns.</param>
/// <param name="Inputs">The kinds of value the signal accepts; empty means any.</param>
/// <param name="Matching">The matching values a condition must give.</param>
/// <param name="Cost">Relative cost: 0 for in-memory checks, 10 for bank lookups, 20+ for network calls.</param>
/// <param name="AllowedInAutomatedRules">False for signals only usable in routing rules (they must not take actions alone).</param>
public sealed record SignalManifest(
    string Id,
    string Name,
    string Description,
    SignalOutputType Output,
    IReadOnlyList<SignalValueKind> Inputs,
    SignalMatching Matching,
    int Cost,
    bool AllowedInAutomatedRules = true)
{
    /// <summary>Fields set once per organization (endpoint, API key…); secret ones are write-only.</summary>
    public IReadOnlyList<SignalConfigurationField> OrganizationFields { get; init; } = [];

    /// <summary>Fields set on each condition that uses the signal (a category, a distance threshold…).</summary>
    public IReadOnlyList<SignalConfigurationField> ConditionFields { get; init; } = [];

    /// <summary>Signals with settings stay unavailable until an organization configures them.</summary>
    public bool RequiresOrganizationSettings => OrganizationFields.Any(f => f.Required);
}

/// <summary>What a signal returns.</summary>
public enum SignalOutputType
{
    Boolean,
    Number,
    String,
}

/// <summary>The kind of value a signal reads from a condition's input.</summary>
public enum SignalValueKind
{
    Text,
    Image,
    Video,
    Geohash,
    UserId,
    Url,
    Number,
}

/// <summary>The matching values a condition must give the signal (combinable).</summary>
[Flags]
public enum SignalMatching
{
    None = 0,

    /// <summary>Inline strings (words, phrases, regular expressions, geohash prefixes).</summary>
    Strings = 1,

    TextBanks = 2,

    HashBanks = 4,

    LocationBanks = 8,
}

public enum SignalFieldType
{
    Text,
    Number,
    Url,
    Secret,
    Boolean,
    Choice,
}

/// <summary>One configuration field of a signal. <see cref="Choices"/> lists the values of a <see cref="SignalFieldType.Choice"/>.</summary>
public sealed record SignalConfigurationField(
    string Key, string Label, SignalFieldType Type, bool Required = false, string? Description = null, string? DefaultValue = null)
{
    public IReadOnlyList<string> Choices { get; init; } = [];
}
