namespace Coop.Web.Features.Configuration;

/// <summary>The container of an ARRAY or MAP field: value scalar type, and for a MAP the key scalar type (STRING when left out).</summary>
public sealed record ItemTypeContainerConfig(string? ContainerType, string? KeyScalarType, string? ValueScalarType);
