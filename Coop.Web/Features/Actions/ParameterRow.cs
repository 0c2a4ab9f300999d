using System.Text.Json.Nodes;
using Coop.Domain.Actions;

namespace Coop.Web.Features.Actions;

/// <summary>One runtime parameter in the action editor; options are typed as <c>value=Label</c>, comma separated.</summary>
public sealed class ParameterRow
{
    public string Name { get; set; } = string.Empty;

    public string DisplayName { get; set; } = string.Empty;

    public ActionParameterType Type { get; set; }

    public bool Required { get; set; }

    public string? Options { get; set; }

    public double? Min { get; set; }

    public double? Max { get; set; }

    public int? MaxLength { get; set; }

    public string? Description { get; init; }

    public JsonNode? DefaultValue { get; init; }

    public static ParameterRow From(ActionParameter p) => new()
    {
        Name = p.Name,
        DisplayName = p.DisplayName,
        Type = p.Type,
        Required = p.Required,
        Options = p.Options is null ? null : string.Join(", ", p.Options.Select(o => o.Value == o.Label ? o.Value : $"{o.Value}={o.Label}")),
        Min = p.Min,
        Max = p.Max,
        MaxLength = p.MaxLength,
        Description = p.Description,
        DefaultValue = p.DefaultValue?.DeepClone(),
    };

    public ActionParameter ToParameter()
    {
        var choice = Type is ActionParameterType.Select or ActionParameterType.Multiselect;
        var options = choice
            ? (Options ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(o => o.Split('=', 2, StringSplitOptions.TrimEntries))
                .Select(parts => new ActionParameterOption(parts[0], parts.Length > 1 ? parts[1] : parts[0]))
                .ToList()
            : null;
        return new ActionParameter(Name.Trim(), DisplayName.Trim(), Type, Required, Description, options,
            Type == ActionParameterType.Number ? Min : null, Type == ActionParameterType.Number ? Max : null,
            Type == ActionParameterType.String ? MaxLength : null, DefaultValue?.DeepClone());
    }
}
