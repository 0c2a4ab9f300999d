using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.Conditions;

namespace Coop.Web.Features.Review.Routing;

/// <summary>
/// A report or an appeal as routing conditions see it: the report's own inputs, and (when known) the item as proactive
/// rules see it for every other input.
/// </summary>
internal sealed class RoutingSubject(
    string itemTypeId, string? reason, IReadOnlyList<string> policyIds, string reporterId, string reporterTypeId, JsonObject? data,
    IConditionSubject? item = null) : IConditionSubject
{
    /// <summary>The same report, seeing <paramref name="itemSubject"/> for item inputs.</summary>
    public RoutingSubject WithItem(IConditionSubject? itemSubject) =>
        itemSubject is null ? this : new(itemTypeId, reason, policyIds, reporterId, reporterTypeId, data, itemSubject);

    public IReadOnlyList<string> ValuesOf(ConditionInput input, string? field) => input switch
    {
        ConditionInput.ItemType => [itemTypeId],
        ConditionInput.ReportReason => reason is null ? [] : [reason],
        ConditionInput.ReportPolicy => policyIds,
        ConditionInput.ReporterId => [reporterId],
        ConditionInput.ReporterType => [reporterTypeId],
        ConditionInput.ItemField when field is not null && data?[field] is { } value => Flatten(value).ToList(),
        ConditionInput.ItemField => item?.ValuesOf(input, field) ?? [],
        _ => item?.ValuesOf(input, field) ?? [],
    };

    private static IEnumerable<string> Flatten(JsonNode node) => node switch
    {
        JsonArray array => array.OfType<JsonNode>().SelectMany(Flatten),
        JsonObject obj when obj["id"] is JsonValue id => [id.ToString()],
        JsonObject obj when obj["url"] is JsonValue url => [url.ToString()],
        JsonValue value when value.GetValueKind() == JsonValueKind.String => [value.GetValue<string>()],
        JsonValue value => [value.ToJsonString()],
        _ => [node.ToJsonString()],
    };
}
