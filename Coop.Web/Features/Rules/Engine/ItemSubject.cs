using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.Conditions;
using Coop.Domain.ItemTypes;
using Coop.Web.Features.Ingestion;

namespace Coop.Web.Features.Rules.Engine;

/// <summary>The author facts a rule may look at, loaded only when some rule asks for them.</summary>
public sealed record AuthorFacts(ItemIdentifier Author, int? StrikeScore, double? AccountAgeDays);

/// <summary>
/// One item version as proactive rules see it: its fields by name and by role, the virtual inputs (all text, any
/// image/video/geohash), its author and the author's facts, the item type and where the event came from.
/// </summary>
public sealed class ItemSubject(ResolvedItemType itemType, JsonObject data, AuthorFacts? author, string source) : IConditionSubject
{
    public ResolvedItemType ItemType => itemType;

    public JsonObject Data => data;

    public IReadOnlyList<string> ValuesOf(ConditionInput input, string? field) => input switch
    {
        ConditionInput.ItemType => [itemType.Id],
        ConditionInput.ItemField when field is not null && data[field] is { } node => Flatten(node).ToList(),
        ConditionInput.ItemRole when Enum.TryParse<ItemTypeRole>(field, ignoreCase: true, out var role)
            && itemType.Schema.FieldFor(role) is { } roleField && data[roleField.Name] is { } node => Flatten(node).ToList(),
        ConditionInput.AllText => AllText() is { Length: > 0 } text ? [text] : [],
        ConditionInput.AnyImage => ValuesOfType(ScalarType.Image),
        ConditionInput.AnyVideo => ValuesOfType(ScalarType.Video),
        ConditionInput.AnyGeohash => ValuesOfType(ScalarType.Geohash),
        ConditionInput.Author => author is null ? [] : [author.Author.Id],
        ConditionInput.AuthorStrikeScore => author?.StrikeScore is { } score ? [score.ToString(CultureInfo.InvariantCulture)] : [],
        ConditionInput.AuthorAccountAgeDays => author?.AccountAgeDays is { } days ? [days.ToString("0.###", CultureInfo.InvariantCulture)] : [],
        ConditionInput.Source => [source],
        _ => [],
    };

    /// <summary>Whether any condition of <paramref name="condition"/> reads the author's strike score or account age.</summary>
    public static bool NeedsAuthorFacts(Condition condition) => condition switch
    {
        ConditionSet set => set.Conditions.Any(NeedsAuthorFacts),
        LeafCondition leaf => leaf.Input is ConditionInput.AuthorStrikeScore or ConditionInput.AuthorAccountAgeDays,
        _ => false,
    };

    private string AllText() => string.Join(' ', itemType.Schema.Fields
        .Where(f => f.ScalarType == ScalarType.String && data[f.Name] is not null)
        .SelectMany(f => Flatten(data[f.Name]!)));

    private List<string> ValuesOfType(ScalarType type) =>
    [
        .. itemType.Schema.Fields.Where(f => f.ScalarType == type && data[f.Name] is not null).SelectMany(f => Flatten(data[f.Name]!))
            .Concat(type == ScalarType.Image && itemType.Schema.Field("images") is null && data["images"] is { } images ? Flatten(images) : [])
            .Distinct(StringComparer.Ordinal),
    ];

    private static IEnumerable<string> Flatten(JsonNode node) => node switch
    {
        JsonArray array => array.OfType<JsonNode>().SelectMany(Flatten),
        JsonObject obj when obj["url"] is JsonValue url => [url.ToString()],
        JsonObject obj when obj["id"] is JsonValue id => [id.ToString()],
        JsonObject obj => obj.Select(p => p.Value).OfType<JsonNode>().SelectMany(Flatten),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
        JsonValue value => [value.ToJsonString()],
        _ => [],
    };
}
