using Coop.Domain.Conditions;
using Coop.Domain.ItemTypes;
using Coop.Domain.Signals;

namespace Coop.Web.Features.Rules.Components;

/// <summary>
/// What the condition editor can offer: the fields of the rule's item types, the signals, the banks per kind, the
/// inputs, and the validation errors by path (<c>Condition/0/1</c>, as <see cref="ConditionEvaluator.Problems(Condition?, string)"/> names them).
/// </summary>
public sealed record ConditionEditorContext(
    IReadOnlyList<ItemTypeField> Fields,
    IReadOnlyList<SignalManifest> Signals,
    IReadOnlyDictionary<SignalMatching, IReadOnlyList<RuleBankChoice>> Banks,
    IReadOnlyDictionary<string, string[]> Errors,
    bool ReadOnly = false)
{
    public static ConditionEditorContext Empty { get; } = new([], [], new Dictionary<SignalMatching, IReadOnlyList<RuleBankChoice>>(), new Dictionary<string, string[]>());

    public IReadOnlyList<ConditionInput> Inputs { get; init; } = ConditionText.RuleInputs;

    public SignalManifest? Signal(string? id) => id is null ? null : Signals.FirstOrDefault(s => s.Id == id);

    /// <summary>The kind of value <paramref name="leaf"/>'s input gives (null when it depends on a field this context does not know).</summary>
    public SignalValueKind? KindOf(ConditionLeafNode leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        return leaf.Input switch
        {
            ConditionInput.AllText or ConditionInput.Source or ConditionInput.ItemType or ConditionInput.ReportReason or ConditionInput.ReportPolicy
                or ConditionInput.ReporterId or ConditionInput.ReporterType => SignalValueKind.Text,
            ConditionInput.AnyImage => SignalValueKind.Image,
            ConditionInput.AnyVideo => SignalValueKind.Video,
            ConditionInput.AnyGeohash => SignalValueKind.Geohash,
            ConditionInput.Author => SignalValueKind.UserId,
            ConditionInput.AuthorStrikeScore or ConditionInput.AuthorAccountAgeDays => SignalValueKind.Number,
            ConditionInput.ItemField => Fields.FirstOrDefault(f => f.Name == leaf.Field)?.ScalarType switch
            {
                ScalarType.String or ScalarType.Id or ScalarType.EmailAddress or ScalarType.IpAddress or ScalarType.PolicyId => SignalValueKind.Text,
                ScalarType.Number or ScalarType.Datetime => SignalValueKind.Number,
                ScalarType.Image => SignalValueKind.Image,
                ScalarType.Video => SignalValueKind.Video,
                ScalarType.Geohash => SignalValueKind.Geohash,
                ScalarType.Url or ScalarType.Media or ScalarType.Audio => SignalValueKind.Url,
                ScalarType.UserId or ScalarType.RelatedItem => SignalValueKind.UserId,
                _ => null,
            },
            _ => null,
        };
    }

    /// <summary>The signals that read what <paramref name="leaf"/>'s input gives (all when that is unknown), plus the one it uses.</summary>
    public IEnumerable<SignalManifest> SignalsFor(ConditionLeafNode leaf)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var kind = KindOf(leaf);
        return Signals.Where(s => s.Id == leaf.SignalId || kind is null || s.Inputs.Count == 0 || s.Inputs.Contains(kind.Value));
    }

    /// <summary>The banks a signal can match against (every bank kind it takes).</summary>
    public IReadOnlyList<RuleBankChoice> BanksFor(SignalManifest? manifest) =>
        manifest is null ? [] : [.. new[] { SignalMatching.TextBanks, SignalMatching.HashBanks, SignalMatching.LocationBanks }
            .Where(k => manifest.Matching.HasFlag(k)).SelectMany(k => Banks.GetValueOrDefault(k) ?? [])];

    /// <summary>Messages for exactly <paramref name="path"/>, and (with <paramref name="below"/>) for paths under it that no child shows (signal values, arguments).</summary>
    public IEnumerable<string> ErrorsAt(string path, bool below = false) =>
        Errors.Where(e => e.Key == path || (below && e.Key.StartsWith(path + "/", StringComparison.Ordinal) && !char.IsDigit(e.Key[path.Length + 1])))
            .SelectMany(e => e.Value);

    /// <summary>A test id fragment for a path: <c>root</c> for <c>Condition</c>, <c>0-1</c> for <c>Condition/0/1</c>.</summary>
    public static string TestId(string path) => path == "Condition" ? "root" : path["Condition/".Length..].Replace('/', '-');
}
