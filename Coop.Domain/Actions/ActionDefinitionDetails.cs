namespace Coop.Domain.Actions;

/// <summary>
/// The editable fields of an action. <see cref="CustomBody"/> is a JSON object's text merged into the
/// webhook's <c>custom</c>. <see cref="Parameters"/> null keeps the saved spec. Built-in actions take only
/// name, description, item types and the strike flag.
/// </summary>
public sealed record ActionDefinitionDetails(
    string Name,
    string? Description,
    IReadOnlyList<string> ItemTypeIds,
    string? CallbackUrl,
    IReadOnlyList<ActionHeaderInput> Headers,
    string? CustomBody,
    bool ApplyUserStrikes,
    IReadOnlyList<ActionParameter>? Parameters = null);
