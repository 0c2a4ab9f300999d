using Coop.Domain.Actions;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Domain.Policies;
using Coop.Web.Features.Review.Queues;
using Coop.Web.Features.Review.Routing;

namespace Coop.Web.Features.Configuration;

/// <summary>A validated import: what each entry of the file becomes, in the order it is applied.</summary>
internal sealed record ImportPlan(
    IReadOnlyList<ItemTypeImport> ItemTypes,
    IReadOnlyList<PolicyImport> Policies,
    IReadOnlyList<ActionImport> Actions,
    IReadOnlyList<QueueImport> Queues,
    IReadOnlyList<RoutingRuleImport> RoutingRules);

/// <summary>An item type to create (<see cref="Existing"/> null) or update; the default user type always updates.</summary>
internal sealed record ItemTypeImport(string Id, string Name, string? Description, ItemTypeSchema Schema, ItemType? Existing);

/// <summary>A policy to create (<see cref="Existing"/> null) or update.</summary>
internal sealed record PolicyImport(string Id, PolicyDetails Details, Policy? Existing);

/// <summary>An action to create (<see cref="Existing"/> null) or update; built-in ones always update.</summary>
internal sealed record ActionImport(string Id, ActionDefinitionDetails Details, ActionDefinition? Existing);

/// <summary>A queue to create (<see cref="Existing"/> null) or update (a default queue of the file may update the organization's).</summary>
internal sealed record QueueImport(string Id, QueueDetails Details, ReviewQueue? Existing);

/// <summary>A routing rule to create (<see cref="Existing"/> null) or update, at <see cref="Position"/> among the rules of its kind.</summary>
internal sealed record RoutingRuleImport(string Id, RoutingRuleDetails Details, int Position, RoutingRule? Existing);

/// <summary>The ids of a file that another organization already uses, per kind.</summary>
internal sealed record ForeignIds(
    IReadOnlySet<string> ItemTypes,
    IReadOnlySet<string> Policies,
    IReadOnlySet<string> Actions,
    IReadOnlySet<string> Queues,
    IReadOnlySet<string> RoutingRules);

/// <summary>The target organization's users and roles, which queues name as reviewers (by email and role key in files).</summary>
internal sealed record ConfigDirectory(IReadOnlyList<ConfigUser> Users, IReadOnlyList<ConfigRole> Roles);

internal sealed record ConfigUser(string Id, string? Email);

internal sealed record ConfigRole(string Id, string Key, string? Name);
