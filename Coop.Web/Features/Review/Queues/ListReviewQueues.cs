using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review.Queues;

/// <summary>The queues the reviewer may work (and, for queue managers, every queue), starred first, with their live figures.</summary>
[RequiresPermission(Permissions.ViewMrt)]
public sealed record ListReviewQueuesQuery;

/// <summary>Stars or unstars a queue for the signed-in reviewer.</summary>
[RequiresPermission(Permissions.ViewMrt)]
public sealed record StarQueueCommand(string QueueId, bool Starred);

/// <summary>A queue as the queue list shows it.</summary>
public sealed record QueueSummary(
    string Id,
    string Name,
    string? Description,
    QueueKind Kind,
    QueueOrdering Ordering,
    bool IsDefault,
    bool Starred,
    int Pending,
    int InReview,
    DateTime? OldestJobAt,
    IReadOnlyList<string> ReviewingNow,
    bool CanWork = true);

internal sealed class ListReviewQueuesHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, IQueueAccess access, TimeProvider time)
    : IQueryHandler<ListReviewQueuesQuery, IReadOnlyList<QueueSummary>>, ICommandHandler<StarQueueCommand, bool>
{
    public async Task<IReadOnlyList<QueueSummary>> HandleAsync(ListReviewQueuesQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var principal = await currentUser.GetPrincipalAsync();
        var childSafety = principal.HasClaim(Permissions.ClaimType, Permissions.ViewChildSafetyData);
        var manager = principal.HasClaim(Permissions.ClaimType, Permissions.EditMrtQueues);
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var queues = await db.ReviewQueues.AsNoTracking().Where(q => q.OrganizationId == actor.OrganizationId)
            .Where(q => childSafety || q.Kind != QueueKind.Ncmec).ToListAsync(cancellationToken);
        var figures = await db.ReviewJobs.AsNoTracking()
            .Where(j => j.OrganizationId == actor.OrganizationId && j.Status == JobStatus.Open)
            .GroupBy(j => j.QueueId)
            .Select(g => new { QueueId = g.Key, Pending = g.Count(), InReview = g.Count(j => j.ClaimedByUserId != null && j.ClaimExpiresAt > now), Oldest = g.Min(j => j.CreatedAt) })
            .ToDictionaryAsync(f => f.QueueId, cancellationToken);
        var reviewers = await (
            from j in db.ReviewJobs.AsNoTracking()
            where j.OrganizationId == actor.OrganizationId && j.Status == JobStatus.Open && j.ClaimedByUserId != null && j.ClaimExpiresAt > now
            join u in db.Users on j.ClaimedByUserId equals u.Id
            select new { j.QueueId, u.Email }).Distinct().ToListAsync(cancellationToken);
        var stars = (await db.QueueStars.AsNoTracking().Where(s => s.UserId == actor.UserId).Select(s => s.QueueId).ToListAsync(cancellationToken)).ToHashSet();
        var rows = new List<QueueSummary>();
        foreach (var queue in queues)
        {
            var canWork = await access.CanWorkAsync(actor.OrganizationId, actor.UserId, queue.Id, cancellationToken);
            if (!canWork && !manager)
            {
                continue;
            }

            var f = figures.GetValueOrDefault(queue.Id);
            rows.Add(new QueueSummary(queue.Id, queue.Name, queue.Description, queue.Kind, queue.Ordering, queue.IsDefault, stars.Contains(queue.Id),
                f?.Pending ?? 0, f?.InReview ?? 0, f?.Oldest,
                [.. reviewers.Where(r => r.QueueId == queue.Id).Select(r => r.Email ?? "someone").Order(StringComparer.OrdinalIgnoreCase)], canWork));
        }

        return [.. rows.OrderByDescending(r => r.Starred).ThenBy(r => r.Kind).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<bool> HandleAsync(StarQueueCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.ReviewQueues.AnyAsync(q => q.Id == command.QueueId && q.OrganizationId == actor.OrganizationId, cancellationToken))
        {
            throw new ValidationFailedException(string.Empty, "There is no such queue.");
        }

        var star = await db.QueueStars.SingleOrDefaultAsync(s => s.UserId == actor.UserId && s.QueueId == command.QueueId, cancellationToken);
        if (command.Starred && star is null)
        {
            db.QueueStars.Add(QueueStar.Create(actor.UserId, command.QueueId, time.GetUtcNow().UtcDateTime));
        }
        else if (!command.Starred && star is not null)
        {
            db.QueueStars.Remove(star);
        }

        await db.SaveChangesAsync(cancellationToken);
        return command.Starred;
    }
}
