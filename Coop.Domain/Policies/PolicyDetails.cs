namespace Coop.Domain.Policies;

/// <summary>The editable fields of a policy. Description and guidelines are raw Markdown.</summary>
public sealed record PolicyDetails(
    string Name,
    string? ParentId,
    string? Description,
    string? EnforcementGuidelines,
    Penalty Penalty,
    int UserStrikeCount,
    bool ApplyUserStrikeCountToChildren);
