namespace Coop.Web.Features.Configuration;

/// <summary>
/// An item type in a configuration file, its schema in Coop 1.0's shape: <c>kind</c> is CONTENT, USER or THREAD;
/// <c>fields</c>, <c>schemaFieldRoles</c> (role → field name, e.g. <c>creatorId</c>) and <c>hiddenFields</c>.
/// The organization's default user type is flagged with <c>isDefaultUserType</c> and matched by that flag in the
/// target organization, whatever its id (as built-in actions are matched by type).
/// </summary>
public sealed record ItemTypeConfig(
    string? Id,
    string? Name,
    string? Description = null,
    string? Kind = null,
    bool? IsDefaultUserType = null,
    IReadOnlyList<ItemTypeFieldConfig>? Fields = null,
    IReadOnlyDictionary<string, string?>? SchemaFieldRoles = null,
    IReadOnlyList<string>? HiddenFields = null);
