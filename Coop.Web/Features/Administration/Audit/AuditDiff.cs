using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coop.Web.Features.Administration.Audit;

/// <summary>One line of a before/after comparison.</summary>
public sealed record AuditDiffLine(string Field, string? Before, string? After)
{
    public bool Changed => !string.Equals(Before, After, StringComparison.Ordinal);
}

/// <summary>Compares an entry's before and after JSON field by field (top-level properties of objects; otherwise the whole values).</summary>
public static class AuditDiff
{
    public static IReadOnlyList<AuditDiffLine> Compare(string? before, string? after)
    {
        var left = Parse(before);
        var right = Parse(after);
        if (left is JsonObject || right is JsonObject)
        {
            var a = left as JsonObject ?? [];
            var b = right as JsonObject ?? [];
            return [.. a.Select(p => p.Key).Concat(b.Select(p => p.Key)).Distinct(StringComparer.Ordinal)
                .Select(key => new AuditDiffLine(key, Show(a[key]), Show(b[key])))];
        }

        return before is null && after is null ? [] : [new AuditDiffLine("value", Show(left) ?? before, Show(right) ?? after)];
    }

    private static JsonNode? Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return JsonValue.Create(json);
        }
    }

    private static string? Show(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };
}
