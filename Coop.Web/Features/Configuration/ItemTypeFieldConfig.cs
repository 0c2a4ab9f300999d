namespace Coop.Web.Features.Configuration;

/// <summary>
/// A schema field in Coop 1.0's shape: <c>type</c> is a scalar name (STRING, NUMBER, …) or ARRAY/MAP, which
/// then need <c>container</c>. <c>required</c> defaults to false.
/// </summary>
public sealed record ItemTypeFieldConfig(string? Name, string? Type, bool? Required = null, ItemTypeContainerConfig? Container = null);
