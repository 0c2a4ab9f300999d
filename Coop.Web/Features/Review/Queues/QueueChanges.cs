using Coop.Domain.Audit;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Policies;

namespace Coop.Web.Features.Review.Queues;

/// <summary>What a queue is made of, as its editor or a configuration file gives it (ids of users, roles and actions of the organization).</summary>
public sealed record QueueDetails(
    string Name, string? Description, QueueKind Kind, QueueOrdering Ordering, bool IsDefault,
    IReadOnlyList<string> ReviewerUserIds, IReadOnlyList<string> ReviewerRoleIds, IReadOnlyList<string> HiddenActionIds);

/// <summary>
/// Writes queue changes with an audit entry on a caller's context (saved by the caller). Used by the queue editor and by
/// configuration import. Making a queue the default of its kind takes the flag from the previous default.
/// Field keys of errors: <c>Name</c>, <c>Description</c>, <c>Kind</c>, <c>IsDefault</c>.
/// </summary>
internal static class QueueChanges
{
    /// <summary>
    /// Problems of a queue's own fields: its name and description, and that only the organization's own NCMEC queue is of that
    /// kind. Whether the name is free, whether the users, roles and actions it names exist and whether its kind keeps a
    /// default queue depend on the other queues (see <see cref="Validate"/>).
    /// </summary>
    public static Dictionary<string, string[]> ValidateFields(ReviewQueue? queue, QueueDetails details)
    {
        var errors = new Dictionary<string, string[]>();
        var name = details.Name?.Trim() ?? string.Empty;
        if (name.Length is 0 or > ReviewQueue.NameMaxLength)
        {
            errors["Name"] = [$"Name the queue (at most {ReviewQueue.NameMaxLength} characters)."];
        }

        if (details.Description is { Length: > ReviewQueue.DescriptionMaxLength })
        {
            errors["Description"] = [$"Use at most {ReviewQueue.DescriptionMaxLength} characters."];
        }

        if (queue is null && details.Kind == QueueKind.Ncmec)
        {
            errors["Kind"] = ["The organization has one NCMEC queue; create standard or appeals queues."];
        }

        return errors;
    }

    /// <summary><see cref="ValidateFields"/>, and that the name is free among <paramref name="queues"/> and a default queue stays the default.</summary>
    public static Dictionary<string, string[]> Validate(IReadOnlyCollection<ReviewQueue> queues, ReviewQueue? queue, QueueDetails details)
    {
        var errors = ValidateFields(queue, details);
        var name = details.Name?.Trim() ?? string.Empty;
        if (!errors.ContainsKey("Name") && queues.Any(q => q.Id != queue?.Id && string.Equals(q.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            errors["Name"] = ["Another queue has this name."];
        }

        if (queue is { IsDefault: true } && !details.IsDefault)
        {
            errors["IsDefault"] = ["Make another queue the default of its kind instead; there is always one."];
        }

        return errors;
    }

    /// <summary>Creates a queue (<paramref name="id"/> kept when given) and adds it to <paramref name="queues"/>.</summary>
    public static ReviewQueue Create(CoopDbContext db, List<ReviewQueue> queues, string? id, QueueDetails details, ConfigActor actor, DateTime now)
    {
        ThrowIfInvalid(Validate(queues, null, details));
        var queue = ReviewQueue.Create(actor.OrganizationId, details.Name, details.Description, details.Kind, details.Ordering, false, now, id);
        db.ReviewQueues.Add(queue);
        queues.Add(queue);
        var previous = Apply(db, queues, queue, details, actor, now);
        Audit(db, queue, "queue.created", previous, actor, now);
        return queue;
    }

    /// <summary>Changes a queue; false (and no audit entry) when the queue already is as described. Its kind never changes.</summary>
    public static bool Update(CoopDbContext db, List<ReviewQueue> queues, ReviewQueue queue, QueueDetails details, ConfigActor actor, DateTime now)
    {
        ThrowIfInvalid(Validate(queues, queue, details));
        var before = Snapshot(queue);
        var previous = Apply(db, queues, queue, details, actor, now);
        if (Snapshot(queue) == before)
        {
            return false;
        }

        Audit(db, queue, "queue.updated", previous, actor, now);
        return true;
    }

    /// <summary>What a queue is (its fields, access and default flag), to tell whether a change changed it.</summary>
    public static string Snapshot(ReviewQueue q) =>
        string.Join('\u001f', q.Name, q.Description, q.Ordering, q.IsDefault, q.ReviewerUserIds, q.ReviewerRoleIds, q.HiddenActionIds);

    /// <summary>Sets the queue's fields and access; returns the queue it took the default flag from, if any (which gets an audit entry).</summary>
    private static ReviewQueue? Apply(CoopDbContext db, List<ReviewQueue> queues, ReviewQueue queue, QueueDetails details, ConfigActor actor, DateTime now)
    {
        queue.Describe(details.Name, details.Description, details.Ordering);
        queue.SetAccess(details.ReviewerUserIds, details.ReviewerRoleIds, details.HiddenActionIds);
        ReviewQueue? previous = null;
        if (details.IsDefault && !queue.IsDefault)
        {
            foreach (var other in queues.Where(q => q.Id != queue.Id && q.Kind == queue.Kind && q.IsDefault))
            {
                other.SetDefault(false);
                previous = other;
                db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "queue.updated", "queue", other.Id,
                    $"{other.Name} is no longer the default {other.Kind} queue ({queue.Name} is)", now));
            }

            queue.SetDefault(true);
        }

        return previous;
    }

    private static void Audit(CoopDbContext db, ReviewQueue queue, string action, ReviewQueue? previousDefault, ConfigActor actor, DateTime now) =>
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, action, "queue", queue.Id,
            $"{queue.Name} ({queue.Kind}, {queue.Ordering}{(queue.IsDefault ? ", default" : string.Empty)}; "
            + $"{(queue.IsRestricted ? $"{queue.ReviewerUsers.Count} user(s), {queue.ReviewerRoles.Count} role(s)" : "every reviewer")}; "
            + $"{queue.HiddenActions.Count} hidden action(s))"
            + (previousDefault is null ? string.Empty : $"; took the default from {previousDefault.Name}"), now));

    private static void ThrowIfInvalid(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }
    }
}
