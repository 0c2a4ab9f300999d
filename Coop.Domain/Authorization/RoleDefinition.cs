namespace Coop.Domain.Authorization;

/// <summary>A system role: its stable key, default display name, description and default permissions.</summary>
public sealed record RoleDefinition(string Key, string DisplayName, string Description, IReadOnlyList<string> Permissions);
