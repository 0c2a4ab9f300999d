using Coop.Domain.Audit;
using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Policies;

/// <summary>
/// Writes policy changes with their revision rows, the strike-weight inheritance they cause and an
/// audit entry, on a caller's context (saved by the caller). Used by the console's use cases and by import.
/// </summary>
internal static class PolicyChanges
{
    public static async Task<PolicyTree> LoadTreeAsync(CoopDbContext db, string organizationId, CancellationToken cancellationToken) =>
        new(await db.Policies.Where(p => p.OrganizationId == organizationId).ToListAsync(cancellationToken));

    public static Policy Create(CoopDbContext db, PolicyTree tree, string? id, PolicyDetails details, ConfigActor actor, DateTime now)
    {
        ThrowIfInvalid(tree.Validate(null, details));
        details = tree.WithInheritedStrikeCount(details);
        var policy = Policy.Create(actor.OrganizationId, id, details, now);
        tree.Add(policy);
        db.Policies.Add(policy);
        db.PolicyRevisions.Add(PolicyRevision.Capture(policy, "created", actor.Name));
        Inherit(db, tree, actor, now);
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "policy.created", "policy", policy.Id,
            $"Created policy '{policy.Name}' (penalty {policy.Penalty.ToWireName()}, strike weight {policy.UserStrikeCount}).", now));
        return policy;
    }

    public static bool Update(CoopDbContext db, PolicyTree tree, Policy policy, PolicyDetails details, ConfigActor actor, DateTime now)
    {
        ThrowIfInvalid(tree.Validate(policy.Id, details));
        details = tree.WithInheritedStrikeCount(details);
        if (!policy.Update(details, now))
        {
            return false;
        }

        db.PolicyRevisions.Add(PolicyRevision.Capture(policy, "updated", actor.Name));
        var inherited = Inherit(db, tree, actor, now);
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "policy.updated", "policy", policy.Id,
            $"Updated policy '{policy.Name}' (penalty {policy.Penalty.ToWireName()}, strike weight {policy.UserStrikeCount})"
            + (inherited > 0 ? $"; {inherited} sub-policies took its strike weight." : "."), now));
        return true;
    }

    public static void Delete(CoopDbContext db, PolicyTree tree, Policy policy, bool moveChildrenToParent, ConfigActor actor, DateTime now)
    {
        var children = tree.ChildrenOf(policy.Id);
        if (children.Count > 0 && !moveChildrenToParent)
        {
            throw new ValidationFailedException(string.Empty,
                $"'{policy.Name}' has {children.Count} sub-policies. Delete or move them first, or move them up to its parent.");
        }

        foreach (var child in tree.LiftChildrenOf(policy.Id, now))
        {
            db.PolicyRevisions.Add(PolicyRevision.Capture(child, "updated", actor.Name));
        }

        tree.Remove(policy.Id);
        db.Policies.Remove(policy);
        db.PolicyRevisions.Add(PolicyRevision.Capture(policy, "deleted", actor.Name, Domain.Common.Versions.Next(policy.Version, now)));
        Inherit(db, tree, actor, now);
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "policy.deleted", "policy", policy.Id,
            $"Deleted policy '{policy.Name}'" + (children.Count > 0 ? $"; moved {children.Count} sub-policies up." : "."), now));
    }

    private static int Inherit(CoopDbContext db, PolicyTree tree, ConfigActor actor, DateTime now)
    {
        var changed = tree.ApplyStrikeInheritance(now);
        foreach (var policy in changed)
        {
            db.PolicyRevisions.Add(PolicyRevision.Capture(policy, "updated", actor.Name));
        }

        return changed.Count;
    }

    private static void ThrowIfInvalid(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }
}
