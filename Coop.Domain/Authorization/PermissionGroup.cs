namespace Coop.Domain.Authorization;

/// <summary>An area of the product and the permissions that belong to it.</summary>
public sealed record PermissionGroup(string Name, IReadOnlyList<PermissionInfo> Permissions);
