using System.Globalization;
using System.Text.Json.Nodes;
using Coop.Domain.Actions;

namespace Coop.Web.Features.Actions.Execution;

/// <summary>The run-action form: which action on which item, under which policies, with which parameter values.</summary>
public sealed class RunActionFormModel
{
    public string? ActionId { get; set; }

    public string? ItemTypeId { get; set; }

    public string? ItemId { get; set; }

    public IReadOnlyCollection<string> PolicyIds { get; set; } = [];

    public string? Note { get; set; }

    /// <summary>Parameter values as the inputs hold them: string, double?, bool, or a set of strings.</summary>
    public Dictionary<string, object?> Values { get; } = new(StringComparer.Ordinal);

    /// <summary>Starts the values of <paramref name="action"/>'s parameters from their defaults.</summary>
    public void Reset(ActionView? action)
    {
        Values.Clear();
        foreach (var parameter in action?.Parameters ?? [])
        {
            Values[parameter.Name] = parameter.Type switch
            {
                ActionParameterType.Boolean => parameter.DefaultValue?.GetValue<bool>() ?? false,
                ActionParameterType.Number => parameter.DefaultValue is { } n ? n.GetValue<double>() : null,
                ActionParameterType.Multiselect => parameter.DefaultValue is JsonArray a ? a.Select(v => v!.GetValue<string>()).ToHashSet() : new HashSet<string>(),
                _ => parameter.DefaultValue?.GetValue<string>(),
            };
        }
    }

    /// <summary>Starts from <paramref name="action"/>'s defaults, then takes the saved <paramref name="values"/> (as <see cref="ToParameters"/> wrote them).</summary>
    public void Load(ActionView action, JsonObject? values)
    {
        ArgumentNullException.ThrowIfNull(action);
        Reset(action);
        foreach (var parameter in action.Parameters ?? [])
        {
            if (values?[parameter.Name] is not { } node)
            {
                continue;
            }

            Values[parameter.Name] = parameter.Type switch
            {
                ActionParameterType.Boolean => node.GetValue<bool>(),
                ActionParameterType.Number => node.GetValue<double>(),
                ActionParameterType.Multiselect => node is JsonArray many ? many.Select(v => v!.GetValue<string>()).ToHashSet() : new HashSet<string>(),
                _ => node.GetValue<string>(),
            };
        }
    }

    /// <summary>The values as the action's parameters take them; empty inputs are left out so defaults and "required" apply.</summary>
    public JsonObject? ToParameters(ActionView action)
    {
        ArgumentNullException.ThrowIfNull(action);
        var parameters = new JsonObject();
        foreach (var parameter in action.Parameters ?? [])
        {
            JsonNode? node = Values.GetValueOrDefault(parameter.Name) switch
            {
                string s when s.Length > 0 => JsonValue.Create(s),
                double d => JsonValue.Create(d),
                bool b => JsonValue.Create(b),
                IReadOnlyCollection<string> many when many.Count > 0 => new JsonArray([.. many.Select(v => (JsonNode?)JsonValue.Create(v))]),
                _ => null,
            };
            if (node is not null)
            {
                parameters[parameter.Name] = node;
            }
        }

        return parameters.Count == 0 ? null : parameters;
    }

    public static string Describe(double? value) => value?.ToString(CultureInfo.InvariantCulture) ?? string.Empty;
}
