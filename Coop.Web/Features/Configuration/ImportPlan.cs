using Coop.Domain.Actions;
using Coop.Domain.Policies;

namespace Coop.Web.Features.Configuration;

/// <summary>A validated import: what each entry of the file becomes, in the order it is applied.</summary>
internal sealed record ImportPlan(IReadOnlyList<PolicyImport> Policies, IReadOnlyList<ActionImport> Actions);

/// <summary>A policy to create (<see cref="Existing"/> null) or update.</summary>
internal sealed record PolicyImport(string Id, PolicyDetails Details, Policy? Existing);

/// <summary>An action to create (<see cref="Existing"/> null) or update; built-in ones always update.</summary>
internal sealed record ActionImport(string Id, ActionDefinitionDetails Details, ActionDefinition? Existing);
