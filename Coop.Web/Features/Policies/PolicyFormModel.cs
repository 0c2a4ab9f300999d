using Coop.Domain.Policies;

namespace Coop.Web.Features.Policies;

/// <summary>The policy editor's state.</summary>
public sealed class PolicyFormModel
{
    public string Name { get; set; } = string.Empty;

    public string? ParentId { get; set; }

    public string? Description { get; set; }

    public string? EnforcementGuidelines { get; set; }

    public Penalty Penalty { get; set; }

    public int UserStrikeCount { get; set; } = 1;

    public bool ApplyUserStrikeCountToChildren { get; set; }

    public static PolicyFormModel From(PolicyView policy) => new()
    {
        Name = policy.Name,
        ParentId = policy.ParentId,
        Description = policy.Description,
        EnforcementGuidelines = policy.EnforcementGuidelines,
        Penalty = policy.Penalty,
        UserStrikeCount = policy.UserStrikeCount,
        ApplyUserStrikeCountToChildren = policy.ApplyUserStrikeCountToChildren,
    };

    public PolicyDetails ToDetails() =>
        new(Name, ParentId, Description, EnforcementGuidelines, Penalty, UserStrikeCount, ApplyUserStrikeCountToChildren);
}
