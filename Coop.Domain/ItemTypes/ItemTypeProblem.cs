namespace Coop.Domain.ItemTypes;

/// <summary>
/// Why an item type definition is refused. <see cref="Key"/> names the input: <c>Name</c>, <c>Description</c>,
/// <c>Fields</c>, <c>Fields[2].Name</c>, <c>Fields[2].KeyScalarType</c>, <c>Roles.creatorId</c>, <c>HiddenFields</c>.
/// </summary>
public sealed record ItemTypeProblem(string Key, string Message);
