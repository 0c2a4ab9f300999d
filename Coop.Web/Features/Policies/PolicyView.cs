using Coop.Domain.Policies;

namespace Coop.Web.Features.Policies;

/// <summary>A policy as the console shows it. <see cref="StrikeWeightInheritedFrom"/> names the ancestor that sets its strike weight.</summary>
public sealed record PolicyView(
    string Id,
    string Name,
    string? ParentId,
    string? Description,
    string? EnforcementGuidelines,
    Penalty Penalty,
    int UserStrikeCount,
    bool ApplyUserStrikeCountToChildren,
    string? StrikeWeightInheritedFrom,
    DateTime Version)
{
    public PolicyDetails ToDetails() =>
        new(Name, ParentId, Description, EnforcementGuidelines, Penalty, UserStrikeCount, ApplyUserStrikeCountToChildren);

    internal static PolicyView From(Policy policy, PolicyTree tree) => new(
        policy.Id, policy.Name, policy.ParentId, policy.Description, policy.EnforcementGuidelines, policy.Penalty,
        policy.UserStrikeCount, policy.ApplyUserStrikeCountToChildren, tree.StrikeWeightSource(policy.Id)?.Name, policy.Version);
}
