namespace Coop.Domain.Authorization;

/// <summary>A permission key with its label and a one-line explanation for the roles screen.</summary>
public sealed record PermissionInfo(string Key, string Label, string Description);
