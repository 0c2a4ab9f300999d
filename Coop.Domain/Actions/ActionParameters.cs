using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Coop.Domain.Actions;

/// <summary>Rules of action parameter specs and of the values given for them (Coop 1.0's limits).</summary>
public static partial class ActionParameters
{
    public const int MaxParameters = 50;
    public const int MaxOptions = 100;

    public static string ToWireName(this ActionParameterType type) => type switch
    {
        ActionParameterType.String => "STRING",
        ActionParameterType.Number => "NUMBER",
        ActionParameterType.Boolean => "BOOLEAN",
        ActionParameterType.Select => "SELECT",
        ActionParameterType.Multiselect => "MULTISELECT",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static bool TryParseType(string? wireName, out ActionParameterType type)
    {
        foreach (var candidate in Enum.GetValues<ActionParameterType>())
        {
            if (string.Equals(candidate.ToWireName(), wireName, StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = ActionParameterType.String;
        return false;
    }

    /// <summary>Problems with a parameter spec, each naming the parameter.</summary>
    public static IEnumerable<string> SpecErrors(IReadOnlyList<ActionParameter> parameters)
    {
        if (parameters.Count > MaxParameters)
        {
            yield return $"Use at most {MaxParameters} parameters.";
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in parameters)
        {
            if (!NamePattern().IsMatch(p.Name ?? string.Empty))
            {
                yield return $"'{p.Name}' is not a parameter name (1 to 64 letters, digits, '_', '.' or '-').";
                continue;
            }

            if (!seen.Add(p.Name!))
            {
                yield return $"The parameter {p.Name} appears twice.";
            }

            if (string.IsNullOrWhiteSpace(p.DisplayName))
            {
                yield return $"{p.Name}: give it a display name.";
            }

            var choice = p.Type is ActionParameterType.Select or ActionParameterType.Multiselect;
            if (choice && (p.Options is null || p.Options.Count is 0 or > MaxOptions))
            {
                yield return $"{p.Name}: a {p.Type.ToWireName()} parameter needs 1 to {MaxOptions} options.";
            }
            else if (choice && p.Options!.Select(o => o.Value).Distinct(StringComparer.Ordinal).Count() != p.Options!.Count)
            {
                yield return $"{p.Name}: option values must be different.";
            }

            if (!choice && p.Options is { Count: > 0 })
            {
                yield return $"{p.Name}: only SELECT and MULTISELECT parameters have options.";
            }

            if ((p.Min is not null || p.Max is not null) && p.Type != ActionParameterType.Number)
            {
                yield return $"{p.Name}: only NUMBER parameters have a minimum or maximum.";
            }

            if (p.Min > p.Max)
            {
                yield return $"{p.Name}: the minimum is above the maximum.";
            }

            if (p.MaxLength is not null && (p.Type != ActionParameterType.String || p.MaxLength < 1))
            {
                yield return $"{p.Name}: only STRING parameters have a maximum length, of at least 1.";
            }

            if (p.DefaultValue is not null && ValueError(p, p.DefaultValue) is { } defaultError)
            {
                yield return $"{p.Name}: the default value is wrong: {defaultError}";
            }
        }
    }

    /// <summary>
    /// Problems with the values given for an action's parameters, keyed by parameter name ("" for the whole
    /// object). Unknown names are refused; a missing required parameter without a default is refused.
    /// </summary>
    public static Dictionary<string, string> ValueErrors(IReadOnlyList<ActionParameter> parameters, JsonObject? values)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var byName = parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var (name, _) in values ?? [])
        {
            if (!byName.ContainsKey(name))
            {
                errors[name] = "The action has no such parameter.";
            }
        }

        foreach (var p in parameters)
        {
            var value = values?[p.Name];
            if (value is null)
            {
                if (p.Required && p.DefaultValue is null)
                {
                    errors[p.Name] = "A value is required.";
                }

                continue;
            }

            if (ValueError(p, value) is { } error)
            {
                errors[p.Name] = error;
            }
        }

        return errors;
    }

    private static string? ValueError(ActionParameter p, JsonNode value)
    {
        switch (p.Type)
        {
            case ActionParameterType.String:
                if (value.GetValueKind() != JsonValueKind.String)
                {
                    return "Expected a string.";
                }

                return p.MaxLength is { } max && value.GetValue<string>().Length > max ? $"Use at most {max} characters." : null;
            case ActionParameterType.Number:
                if (value.GetValueKind() != JsonValueKind.Number)
                {
                    return "Expected a number.";
                }

                // A parsed number reads as any numeric type; one built in code (JsonValue.Create(7)) only as its own type.
                var number = double.Parse(value.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture);
                return number < p.Min ? $"The minimum is {p.Min}." : number > p.Max ? $"The maximum is {p.Max}." : null;
            case ActionParameterType.Boolean:
                return value.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : "Expected true or false.";
            case ActionParameterType.Select:
                return value.GetValueKind() == JsonValueKind.String && IsOption(p, value.GetValue<string>()) ? null : "Choose one of the options.";
            case ActionParameterType.Multiselect:
                return value is JsonArray array && array.All(v => v?.GetValueKind() == JsonValueKind.String && IsOption(p, v.GetValue<string>()))
                    ? null
                    : "Choose a list of the options.";
            default:
                return "Unknown parameter type.";
        }
    }

    private static bool IsOption(ActionParameter p, string value) => p.Options?.Any(o => o.Value == value) == true;

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();
}
