using Coop.Domain.Common;

namespace Coop.Domain.Policies;

/// <summary>
/// A rule of the platform that decisions are made against. Policies form a tree per organization
/// (<see cref="ParentId"/>); ids never change. Every edit moves <see cref="Version"/> forward and is
/// kept as a <see cref="PolicyRevision"/>.
/// </summary>
public sealed class Policy
{
    public const int NameMaxLength = 200;
    public const int TextMaxLength = 20_000;
    public const int MaxStrikeCount = 1_000;

    private Policy()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public string? ParentId { get; private set; }

    /// <summary>The policy text (Markdown, raw; render it safely).</summary>
    public string? Description { get; private set; }

    /// <summary>How reviewers should enforce the policy (Markdown, raw; render it safely).</summary>
    public string? EnforcementGuidelines { get; private set; }

    public Penalty Penalty { get; private set; }

    /// <summary>The strike weight: how many strikes a violation adds to the author (0 = none).</summary>
    public int UserStrikeCount { get; private set; } = 1;

    /// <summary>When set, every sub-policy's strike weight follows this policy's.</summary>
    public bool ApplyUserStrikeCountToChildren { get; private set; }

    public DateTime CreatedAt { get; private set; }

    /// <summary>The revision timestamp of the current state.</summary>
    public DateTime Version { get; private set; }

    public PolicyDetails Details => new(Name, ParentId, Description, EnforcementGuidelines, Penalty, UserStrikeCount, ApplyUserStrikeCountToChildren);

    /// <summary>Field-level problems with <paramref name="details"/> on their own (the tree is checked by <see cref="PolicyTree"/>).</summary>
    public static Dictionary<string, string[]> Validate(PolicyDetails details)
    {
        var errors = new Dictionary<string, string[]>();
        var name = details.Name?.Trim() ?? string.Empty;
        if (name.Length == 0)
        {
            errors[nameof(PolicyDetails.Name)] = ["Name the policy."];
        }
        else if (name.Length > NameMaxLength)
        {
            errors[nameof(PolicyDetails.Name)] = [$"Use at most {NameMaxLength} characters."];
        }

        if (details.Description?.Length > TextMaxLength)
        {
            errors[nameof(PolicyDetails.Description)] = [$"Use at most {TextMaxLength} characters."];
        }

        if (details.EnforcementGuidelines?.Length > TextMaxLength)
        {
            errors[nameof(PolicyDetails.EnforcementGuidelines)] = [$"Use at most {TextMaxLength} characters."];
        }

        if (!Enum.IsDefined(details.Penalty))
        {
            errors[nameof(PolicyDetails.Penalty)] = ["Choose NONE, LOW, MEDIUM, HIGH or SEVERE."];
        }

        if (details.UserStrikeCount is < 0 or > MaxStrikeCount)
        {
            errors[nameof(PolicyDetails.UserStrikeCount)] = [$"The strike weight is a whole number from 0 to {MaxStrikeCount}."];
        }

        return errors;
    }

    public static Policy Create(string organizationId, string? id, PolicyDetails details, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        if (id is not null && !ConfigIds.IsValid(id))
        {
            throw new ArgumentException($"'{id}' is not a valid id.", nameof(id));
        }

        var policy = new Policy
        {
            Id = id ?? Ids.New(),
            OrganizationId = organizationId,
            CreatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc),
        };
        policy.Apply(details);
        policy.Version = Versions.Next(null, nowUtc);
        return policy;
    }

    /// <summary>Applies new details; returns false (and keeps the version) when nothing changed.</summary>
    public bool Update(PolicyDetails details, DateTime nowUtc)
    {
        if (Normalize(details) == Details)
        {
            return false;
        }

        Apply(details);
        Version = Versions.Next(Version, nowUtc);
        return true;
    }

    /// <summary>Takes the strike weight of an ancestor that applies its weight to its sub-policies.</summary>
    internal bool InheritStrikeCount(int count, DateTime nowUtc)
    {
        if (UserStrikeCount == count)
        {
            return false;
        }

        UserStrikeCount = count;
        Version = Versions.Next(Version, nowUtc);
        return true;
    }

    internal void MoveTo(string? parentId, DateTime nowUtc)
    {
        if (ParentId == parentId)
        {
            return;
        }

        ParentId = parentId;
        Version = Versions.Next(Version, nowUtc);
    }

    private static PolicyDetails Normalize(PolicyDetails details) => details with
    {
        Name = details.Name.Trim(),
        ParentId = string.IsNullOrWhiteSpace(details.ParentId) ? null : details.ParentId.Trim(),
        Description = string.IsNullOrWhiteSpace(details.Description) ? null : details.Description,
        EnforcementGuidelines = string.IsNullOrWhiteSpace(details.EnforcementGuidelines) ? null : details.EnforcementGuidelines,
    };

    private void Apply(PolicyDetails details)
    {
        var errors = Validate(details);
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors.SelectMany(e => e.Value)), nameof(details));
        }

        var normalized = Normalize(details);
        if (normalized.ParentId == Id && Id.Length > 0)
        {
            throw new ArgumentException("A policy cannot be its own parent.", nameof(details));
        }

        Name = normalized.Name;
        ParentId = normalized.ParentId;
        Description = normalized.Description;
        EnforcementGuidelines = normalized.EnforcementGuidelines;
        Penalty = normalized.Penalty;
        UserStrikeCount = normalized.UserStrikeCount;
        ApplyUserStrikeCountToChildren = normalized.ApplyUserStrikeCountToChildren;
    }
}
