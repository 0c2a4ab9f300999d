using Coop.Domain.Actions;
using Coop.Domain.ItemTypes;
using Coop.Domain.Policies;

namespace Coop.Web.Features.Configuration;

/// <summary>A validated import: what each entry of the file becomes, in the order it is applied.</summary>
internal sealed record ImportPlan(IReadOnlyList<ItemTypeImport> ItemTypes, IReadOnlyList<PolicyImport> Policies, IReadOnlyList<ActionImport> Actions);

/// <summary>An item type to create (<see cref="Existing"/> null) or update; the default user type always updates.</summary>
internal sealed record ItemTypeImport(string Id, string Name, string? Description, ItemTypeSchema Schema, ItemType? Existing);

/// <summary>A policy to create (<see cref="Existing"/> null) or update.</summary>
internal sealed record PolicyImport(string Id, PolicyDetails Details, Policy? Existing);

/// <summary>An action to create (<see cref="Existing"/> null) or update; built-in ones always update.</summary>
internal sealed record ActionImport(string Id, ActionDefinitionDetails Details, ActionDefinition? Existing);

/// <summary>The ids of a file that another organization already uses, per kind.</summary>
internal sealed record ForeignIds(IReadOnlySet<string> ItemTypes, IReadOnlySet<string> Policies, IReadOnlySet<string> Actions);
