using System.Text.Json;
using Coop.Domain.Conditions;

namespace Coop.Domain.Rules;

/// <summary>
/// One rule's result in an evaluation: the version used, whether it passed and acted (its actions or enqueue ran;
/// false for background rules, environments that never act, or an exhausted daily limit), and the trace.
/// </summary>
public sealed record RuleResult(string RuleId, string RuleName, int Version, RuleStatus Status, bool Passed, bool Acted, ConditionTrace Trace)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public static string Serialize(IReadOnlyList<RuleResult> results) => JsonSerializer.Serialize(results, Json);

    public static IReadOnlyList<RuleResult> Deserialize(string json) => JsonSerializer.Deserialize<RuleResult[]>(json, Json) ?? [];
}
