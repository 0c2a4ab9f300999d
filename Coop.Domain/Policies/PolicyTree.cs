namespace Coop.Domain.Policies;

/// <summary>
/// The rules of an organization's policy tree: parents exist in the same organization, there are no
/// cycles, names are unique (ignoring case), and strike weights flow down from ancestors that apply
/// their weight to their sub-policies.
/// </summary>
public sealed class PolicyTree
{
    private readonly Dictionary<string, Policy> byId;

    public PolicyTree(IEnumerable<Policy> policies)
    {
        byId = policies.ToDictionary(p => p.Id, StringComparer.Ordinal);
    }

    public IReadOnlyCollection<Policy> Policies => byId.Values;

    public Policy? Find(string id) => byId.GetValueOrDefault(id);

    public IReadOnlyList<Policy> ChildrenOf(string? parentId) =>
        [.. byId.Values.Where(p => p.ParentId == parentId).OrderBy(p => p.Name, StringComparer.OrdinalIgnoreCase)];

    /// <summary>Every policy below <paramref name="id"/>, depth first.</summary>
    public IEnumerable<Policy> DescendantsOf(string id)
    {
        foreach (var child in ChildrenOf(id))
        {
            yield return child;
            foreach (var grandchild in DescendantsOf(child.Id))
            {
                yield return grandchild;
            }
        }
    }

    /// <summary>True when making <paramref name="parentId"/> the parent of <paramref name="policyId"/> would close a loop.</summary>
    public bool WouldCreateCycle(string policyId, string? parentId)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = parentId; current is not null; current = byId.GetValueOrDefault(current)?.ParentId)
        {
            if (current == policyId || !seen.Add(current))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The highest ancestor that applies its strike weight to its sub-policies, if any: the policy's
    /// weight is locked to that ancestor's.
    /// </summary>
    public Policy? StrikeWeightSource(string policyId)
    {
        Policy? source = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var current = byId.GetValueOrDefault(policyId)?.ParentId; current is not null && seen.Add(current);)
        {
            var ancestor = byId.GetValueOrDefault(current);
            if (ancestor is null)
            {
                break;
            }

            if (ancestor.ApplyUserStrikeCountToChildren)
            {
                source = ancestor;
            }

            current = ancestor.ParentId;
        }

        return source;
    }

    /// <summary>
    /// The strike weight a policy placed under <paramref name="parentId"/> must take: that of the highest
    /// policy on the way up (the parent included) that applies its weight to its sub-policies; null when free.
    /// </summary>
    public int? InheritedStrikeCountUnder(string? parentId)
    {
        if (parentId is null || byId.GetValueOrDefault(parentId) is not { } parent)
        {
            return null;
        }

        return (StrikeWeightSource(parent.Id) ?? (parent.ApplyUserStrikeCountToChildren ? parent : null))?.UserStrikeCount;
    }

    /// <summary>The details with the strike weight the tree imposes under their parent.</summary>
    public PolicyDetails WithInheritedStrikeCount(PolicyDetails details) =>
        InheritedStrikeCountUnder(string.IsNullOrWhiteSpace(details.ParentId) ? null : details.ParentId.Trim()) is { } count
            ? details with { UserStrikeCount = count }
            : details;

    /// <summary>Problems with saving <paramref name="details"/> for the policy <paramref name="policyId"/> (null when new).</summary>
    public Dictionary<string, string[]> Validate(string? policyId, PolicyDetails details)
    {
        var errors = Policy.Validate(details);
        var parentId = string.IsNullOrWhiteSpace(details.ParentId) ? null : details.ParentId.Trim();
        if (parentId is not null)
        {
            if (!byId.ContainsKey(parentId))
            {
                errors[nameof(PolicyDetails.ParentId)] = ["The parent policy does not exist in this organization."];
            }
            else if (policyId is not null && WouldCreateCycle(policyId, parentId))
            {
                errors[nameof(PolicyDetails.ParentId)] = ["A policy cannot be placed under itself or one of its sub-policies."];
            }
        }

        var name = details.Name?.Trim() ?? string.Empty;
        if (name.Length > 0 && byId.Values.Any(p => p.Id != policyId && string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            errors[nameof(PolicyDetails.Name)] = [$"A policy named '{name}' already exists."];
        }

        return errors;
    }

    /// <summary>Adds a policy that was created for this tree.</summary>
    public void Add(Policy policy) => byId.Add(policy.Id, policy);

    public void Remove(string id) => byId.Remove(id);

    /// <summary>Moves the children of <paramref name="id"/> to its parent (or to the top level).</summary>
    public IReadOnlyList<Policy> LiftChildrenOf(string id, DateTime nowUtc)
    {
        var policy = byId[id];
        var children = ChildrenOf(id);
        foreach (var child in children)
        {
            child.MoveTo(policy.ParentId, nowUtc);
        }

        return children;
    }

    /// <summary>
    /// Applies Coop's strike-weight inheritance over the whole tree: each policy whose highest
    /// weight-applying ancestor exists takes that ancestor's weight. Returns the policies that changed.
    /// </summary>
    public IReadOnlyList<Policy> ApplyStrikeInheritance(DateTime nowUtc)
    {
        var changed = new List<Policy>();
        foreach (var policy in byId.Values)
        {
            if (StrikeWeightSource(policy.Id) is { } source && policy.InheritStrikeCount(source.UserStrikeCount, nowUtc))
            {
                changed.Add(policy);
            }
        }

        return changed;
    }
}
