using Coop.Domain.Actions;

namespace Coop.Web.Features.Actions;

/// <summary>An action as the console shows it. Header values are never part of it: only their names.</summary>
public sealed record ActionView(
    string Id,
    string Name,
    string? Description,
    ActionType ActionType,
    IReadOnlyList<string> ItemTypeIds,
    IReadOnlyList<string> AppliesToAllItemsOfKinds,
    string? CallbackUrl,
    IReadOnlyList<string> HeaderNames,
    string? CustomBody,
    bool ApplyUserStrikes,
    DateTime Version,
    IReadOnlyList<ActionParameter>? Parameters = null)
{
    public bool IsBuiltIn => ActionType != ActionType.CustomAction;

    public string TypeName => ActionType.ToWireName();

    public string? CallbackHost => CallbackUrl is not null && Uri.TryCreate(CallbackUrl, UriKind.Absolute, out var uri) ? uri.Authority : null;

    internal static ActionView From(ActionDefinition action) => new(
        action.Id, action.Name, action.Description, action.ActionType, action.ItemTypeIds, action.AppliesToAllItemsOfKinds,
        action.CallbackUrl, action.HeaderNames, action.CustomBody, action.ApplyUserStrikes, action.Version, action.Parameters);
}
