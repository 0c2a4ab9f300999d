using System.Text.Json.Nodes;

namespace Coop.Domain.Actions;

/// <summary>
/// A runtime input of an action, supplied by a moderator, a rule, a strike threshold or the platform,
/// and sent to the webhook inside <c>custom</c> under <see cref="Name"/>.
/// </summary>
public sealed record ActionParameter(
    string Name,
    string DisplayName,
    ActionParameterType Type,
    bool Required = false,
    string? Description = null,
    IReadOnlyList<ActionParameterOption>? Options = null,
    double? Min = null,
    double? Max = null,
    int? MaxLength = null,
    JsonNode? DefaultValue = null);

/// <summary>A choice of a SELECT or MULTISELECT parameter.</summary>
public sealed record ActionParameterOption(string Value, string Label);
