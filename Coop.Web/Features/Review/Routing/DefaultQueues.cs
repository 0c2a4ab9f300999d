using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review.Routing;

/// <summary>
/// The three queues every organization has: the default queue for reports no routing rule takes, the default
/// appeals queue, and the child-safety (NCMEC) queue that <c>csam: true</c> reports go to.
/// </summary>
public static class DefaultQueues
{
    public const string ReportsName = "Reports";
    public const string AppealsName = "Appeals";
    public const string NcmecName = "Child safety (NCMEC)";

    /// <summary>Adds the organization's missing default queues to <paramref name="db"/> (the caller saves).</summary>
    public static async Task<IReadOnlyList<ReviewQueue>> EnsureAsync(CoopDbContext db, string organizationId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var queues = await db.ReviewQueues.Where(q => q.OrganizationId == organizationId).ToListAsync(cancellationToken);
        var added = AddMissing(db, organizationId, queues, nowUtc);
        return [.. queues, .. added];
    }

    /// <summary>Adds the default queues a new organization needs (no query: there are none yet).</summary>
    public static void AddTo(CoopDbContext db, string organizationId, DateTime nowUtc) => AddMissing(db, organizationId, [], nowUtc);

    /// <summary>The default queue of a kind among <paramref name="queues"/>.</summary>
    public static ReviewQueue? DefaultOf(IEnumerable<ReviewQueue> queues, QueueKind kind) =>
        queues.Where(q => q.Kind == kind).OrderByDescending(q => q.IsDefault).ThenBy(q => q.CreatedAt).FirstOrDefault();

    private static List<ReviewQueue> AddMissing(CoopDbContext db, string organizationId, IReadOnlyCollection<ReviewQueue> queues, DateTime nowUtc)
    {
        var added = new List<ReviewQueue>();
        void Ensure(QueueKind kind, string name, string description, QueueOrdering ordering)
        {
            if (queues.Any(q => q.Kind == kind && q.IsDefault))
            {
                return;
            }

            var taken = queues.Select(q => q.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var unique = taken.Contains(name) ? $"{name} (default)" : name;
            var queue = ReviewQueue.Create(organizationId, unique, description, kind, ordering, isDefault: true, nowUtc);
            db.ReviewQueues.Add(queue);
            added.Add(queue);
        }

        Ensure(QueueKind.Standard, ReportsName, "Reports no routing rule sends elsewhere.", QueueOrdering.Priority);
        Ensure(QueueKind.Appeals, AppealsName, "Appeals of decisions, never shown to the reviewer who made the decision.", QueueOrdering.Age);
        Ensure(QueueKind.Ncmec, NcmecName, "Items reported as child sexual abuse material, for reviewers with child-safety access.", QueueOrdering.Age);
        return added;
    }
}
