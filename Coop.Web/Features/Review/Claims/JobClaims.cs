using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Persistence.Providers.Postgres;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Coop.Web.Features.Dashboards.Rollups;

namespace Coop.Web.Features.Review.Claims;

/// <summary>A claim a reviewer holds: the job and until when.</summary>
public sealed record ClaimedJob(string JobId, string QueueId, DateTime ExpiresAt);

/// <summary>
/// Claims as the database enforces them. Every change is one conditional UPDATE whose WHERE clause is the claim
/// rule (open, and unclaimed or expired — or held by the caller), and the affected row count says who won, so two
/// reviewers never hold one job, on one server or several. Callers check permissions and queue access first.
/// </summary>
public sealed class JobClaims(
    IDbContextFactory<CoopDbContext> factory, ILiveEvents live, TimeProvider time, IOptions<ReviewOptions> options, Operations.NodeClaims node)
{
    private const string Draining = "This server is shutting down. Reload the page to go on reviewing.";

    private const int CandidatesPerRound = 8;
    private const int Rounds = 4;

    private ReviewOptions Options => options.Value;

    /// <summary>
    /// The caller's current claim in the queue if they hold one (renewed), else the next claimable job in the queue's order,
    /// leaving out jobs they skipped lately and appeals of their own decisions. Null when there is nothing to claim.
    /// </summary>
    public async Task<ClaimedJob?> ClaimNextAsync(string organizationId, string queueId, string userId, CancellationToken cancellationToken = default)
    {
        RefuseWhileDraining();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var queue = await db.ReviewQueues.AsNoTracking().SingleOrDefaultAsync(q => q.Id == queueId && q.OrganizationId == organizationId, cancellationToken);
        if (queue is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var held = await db.ReviewJobs.AsNoTracking()
            .Where(j => j.QueueId == queueId && j.Status == JobStatus.Open && j.ClaimedByUserId == userId && j.ClaimExpiresAt > now)
            .OrderBy(j => j.ClaimExpiresAt).Select(j => j.Id).FirstOrDefaultAsync(cancellationToken);
        if (held is not null && await RenewAsync(organizationId, held, userId, cancellationToken) is { } renewed)
        {
            return renewed;
        }

        now = time.GetUtcNow().UtcDateTime;
        if (db.Database.IsSqlite())
        {
            return await TryClaimFirstAsync(db, queue, userId, now, cancellationToken);
        }

        return db.Database.IsNpgsql()
            ? await ClaimFirstUnlockedAsync(db, queue, userId, now, cancellationToken)
            : await ClaimFromCandidatesAsync(db, queue, userId, cancellationToken);
    }

    /// <summary>Claims one given job (from its own page); null when someone else holds it or it is closed.</summary>
    public async Task<ClaimedJob?> ClaimAsync(string organizationId, string jobId, string userId, CancellationToken cancellationToken = default)
    {
        RefuseWhileDraining();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var queueId = await db.ReviewJobs.Where(j => j.Id == jobId && j.OrganizationId == organizationId).Select(j => j.QueueId).SingleOrDefaultAsync(cancellationToken);
        return queueId is null ? null : await TryClaimAsync(db, organizationId, queueId, jobId, userId, time.GetUtcNow().UtcDateTime, cancellationToken);
    }

    /// <summary>Extends the caller's claim by a full lease; null when they no longer hold it.</summary>
    public async Task<ClaimedJob?> RenewAsync(string organizationId, string jobId, string userId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + Options.ClaimLease;
        var renewed = await db.ReviewJobs
            .Where(j => j.Id == jobId && j.OrganizationId == organizationId && j.Status == JobStatus.Open && j.ClaimedByUserId == userId && j.ClaimExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.ClaimExpiresAt, until), cancellationToken);
        if (renewed == 0)
        {
            return null;
        }

        var queueId = await db.ReviewJobs.Where(j => j.Id == jobId).Select(j => j.QueueId).SingleAsync(cancellationToken);
        return new ClaimedJob(jobId, queueId, until);
    }

    /// <summary>Gives the caller's claim back to the queue (as a skip when <paramref name="skipped"/>); false when they did not hold it.</summary>
    public async Task<bool> ReleaseAsync(string organizationId, string jobId, string userId, bool skipped = false, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var released = await db.ReviewJobs
            .Where(j => j.Id == jobId && j.OrganizationId == organizationId && j.Status == JobStatus.Open && j.ClaimedByUserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.ClaimedByUserId, (string?)null).SetProperty(j => j.ClaimExpiresAt, (DateTime?)null), cancellationToken);
        if (released == 0)
        {
            return false;
        }

        if (skipped)
        {
            await RollupWriter.OnSkippedAsync(db, jobId, userId, now, cancellationToken);
        }

        db.JobEvents.Add(JobEvent.Record(organizationId, jobId, skipped ? JobEventKind.Skipped : JobEventKind.Released, userId, now));
        await db.SaveChangesAsync(cancellationToken);
        await AnnounceAsync(db, organizationId, jobId, LiveEventKinds.JobReleased, userId, cancellationToken);
        return true;
    }

    /// <summary>Hands the caller's claim to a colleague with a fresh lease; false when the caller no longer holds it.</summary>
    public async Task<bool> HandOffAsync(string organizationId, string jobId, string fromUserId, string toUserId, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + Options.ClaimLease;
        var moved = await db.ReviewJobs
            .Where(j => j.Id == jobId && j.OrganizationId == organizationId && j.Status == JobStatus.Open && j.ClaimedByUserId == fromUserId && j.ClaimExpiresAt > now)
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.ClaimedByUserId, toUserId).SetProperty(j => j.ClaimExpiresAt, until), cancellationToken);
        if (moved == 0)
        {
            return false;
        }

        db.JobEvents.Add(JobEvent.Record(organizationId, jobId, JobEventKind.HandedOff, fromUserId, now, toUserId));
        await db.SaveChangesAsync(cancellationToken);
        await AnnounceAsync(db, organizationId, jobId, LiveEventKinds.JobClaimed, fromUserId, cancellationToken);
        return true;
    }

    /// <summary>Returns expired claims to their queues (recording each), so counts and "reviewing now" stay true; returns how many.</summary>
    public async Task<int> SweepExpiredAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var expired = await db.ReviewJobs.AsNoTracking()
            .Where(j => j.Status == JobStatus.Open && j.ClaimedByUserId != null && j.ClaimExpiresAt <= now)
            .Select(j => new { j.Id, j.OrganizationId, j.ClaimedByUserId }).Take(500).ToListAsync(cancellationToken);
        var swept = 0;
        foreach (var job in expired)
        {
            var cleared = await db.ReviewJobs
                .Where(j => j.Id == job.Id && j.Status == JobStatus.Open && j.ClaimedByUserId == job.ClaimedByUserId && j.ClaimExpiresAt <= now)
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.ClaimedByUserId, (string?)null).SetProperty(j => j.ClaimExpiresAt, (DateTime?)null), cancellationToken);
            if (cleared == 0)
            {
                continue;
            }

            swept++;
            db.JobEvents.Add(JobEvent.Record(job.OrganizationId, job.Id, JobEventKind.Expired, null, now, job.ClaimedByUserId));
            await db.SaveChangesAsync(cancellationToken);
            await AnnounceAsync(db, job.OrganizationId, job.Id, LiveEventKinds.JobReleased, null, cancellationToken);
        }

        return swept;
    }

    /// <summary>
    /// PostgreSQL: in one transaction, the first claimable job that no other transaction has locked
    /// (<c>FOR UPDATE SKIP LOCKED</c>), its claim, its Claimed event and roll-up counters. Concurrent reviewers, on any number
    /// of servers, each lock a different job and none waits for another's transaction: trying candidates one by one
    /// (below) made each loser wait for the winner's commit, and at 16 reviewers claiming back to back about one claim in a
    /// hundred came back empty-handed from a queue of 100,000 jobs (S2 on PostgreSQL). Null only when nothing is claimable.
    /// </summary>
    private async Task<ClaimedJob?> ClaimFirstUnlockedAsync(CoopDbContext db, ReviewQueue queue, string userId, DateTime now, CancellationToken cancellationToken)
    {
        var until = now + Options.ClaimLease;
        string? jobId;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // Only the id: with the roll-up's facts in the same locking query (CandidateFactsQuery), PostgreSQL planned the
            // "claimed before?" check as a hash of every Claimed event, and S2's claims after 100,000 jobs of history took 7× longer.
            jobId = await CandidatesQuery(db, queue, userId, now, now.AddMinutes(-Options.SkipCooldownMinutes))
                .ForUpdateSkipLocked().FirstOrDefaultAsync(cancellationToken);
            if (jobId is null)
            {
                return null;
            }

            // The row is locked by this transaction and met the claim rule when locked (PostgreSQL re-checks the WHERE on the
            // latest version), so the update cannot lose; the same rule is kept in it all the same.
            var won = await db.ReviewJobs
                .Where(j => j.Id == jobId && j.Status == JobStatus.Open && (j.ClaimedByUserId == null || j.ClaimExpiresAt <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.ClaimedByUserId, userId).SetProperty(j => j.ClaimExpiresAt, until), cancellationToken);
            if (won == 0)
            {
                return null;
            }

            await CommitClaimAsync(db, transaction, queue.OrganizationId, jobId, userId, now, candidate: null, cancellationToken);
        }

        await AnnounceAsync(db, queue.OrganizationId, jobId, LiveEventKinds.JobClaimed, userId, cancellationToken, queue.Id);
        return new ClaimedJob(jobId, queue.Id, until);
    }

    /// <summary>
    /// On SQL Server, where writers do not take turns, reviewers claiming at the same moment would all aim at the queue's
    /// first job and all but one would update nothing; so each reads a few candidates in order and tries them one by one,
    /// for a few rounds while candidates remain.
    /// </summary>
    private async Task<ClaimedJob?> ClaimFromCandidatesAsync(CoopDbContext db, ReviewQueue queue, string userId, CancellationToken cancellationToken)
    {
        for (var round = 0; round < Rounds; round++)
        {
            var now = time.GetUtcNow().UtcDateTime;
            var candidates = await CandidatesQuery(db, queue, userId, now, now.AddMinutes(-Options.SkipCooldownMinutes))
                .Take(CandidatesPerRound).ToListAsync(cancellationToken);
            if (candidates.Count == 0)
            {
                return null;
            }

            foreach (var jobId in candidates)
            {
                if (await TryClaimAsync(db, queue.OrganizationId, queue.Id, jobId, userId, now, cancellationToken) is { } claimed)
                {
                    return claimed;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The claimable jobs of a queue for a reviewer, in the queue's order. It reads only open jobs through the
    /// (QueueId, Status, …) indexes, so closed history never slows it down (checked by a query-plan test).
    /// </summary>
    internal static IQueryable<string> CandidatesQuery(CoopDbContext db, ReviewQueue queue, string userId, DateTime now, DateTime skippedSince) =>
        OrderedCandidates(db, queue, userId, now, skippedSince).Select(j => j.Id);

    /// <summary>
    /// <see cref="CandidatesQuery"/> with what the claim's roll-up needs (the job's queue and age, whether it was ever claimed
    /// before: only a first claim counts, and the organization's daily roll-up zone), read with the candidate instead of after the claim.
    /// </summary>
    private static IQueryable<ClaimCandidate> CandidateFactsQuery(CoopDbContext db, ReviewQueue queue, string userId, DateTime now, DateTime skippedSince) =>
        OrderedCandidates(db, queue, userId, now, skippedSince).Select(j => new ClaimCandidate(
            j.Id, j.OrganizationId, j.QueueId, j.CreatedAt, db.JobEvents.Any(e => e.JobId == j.Id && e.Kind == JobEventKind.Claimed),
            db.DashboardDailyStates.Where(s => s.OrganizationId == j.OrganizationId).Select(s => s.TimeZone).FirstOrDefault()));

    private sealed record ClaimCandidate(string Id, string OrganizationId, string QueueId, DateTime CreatedAt, bool ClaimedBefore, string? DailyZone);

    private static IOrderedQueryable<ReviewJob> OrderedCandidates(CoopDbContext db, ReviewQueue queue, string userId, DateTime now, DateTime skippedSince)
    {
        var open = db.ReviewJobs.AsNoTracking()
            .Where(j => j.QueueId == queue.Id && j.Status == JobStatus.Open && (j.ClaimedByUserId == null || j.ClaimExpiresAt <= now))
            .Where(j => !db.JobEvents.Any(e => e.UserId == userId && e.Kind == JobEventKind.Skipped && e.At > skippedSince && e.JobId == j.Id))
            .Where(j => j.AppealId == null || !db.ReviewDecisions.Any(d =>
                d.OrganizationId == j.OrganizationId && d.ItemTypeId == j.ItemTypeId && d.ItemId == j.ItemId && d.ReviewerUserId == userId && d.Kind == DecisionKind.Action));
        var ordered = queue.Ordering == QueueOrdering.Priority
            ? open.OrderByDescending(j => j.PriorityScore).ThenBy(j => j.CreatedAt)
            : open.OrderBy(j => j.CreatedAt);
        return ordered.ThenBy(j => j.Id);
    }

    /// <summary>
    /// SQLite: in one transaction, which holds the writer from its start, reads the first claimable job of the queue (with
    /// the roll-up's facts) and claims it, with its Claimed event and roll-up counters. SQLite's writers take turns (and this
    /// process's take them in order, <c>SqliteWriteGate</c>), so the candidate is chosen under the write lock and concurrent
    /// reviewers never aim at the same job: reading candidates before the transaction and then claiming one cost a losing
    /// write per reviewer ahead in the line. Null only when nothing is claimable.
    /// </summary>
    private async Task<ClaimedJob?> TryClaimFirstAsync(CoopDbContext db, ReviewQueue queue, string userId, DateTime now, CancellationToken cancellationToken)
    {
        var until = now + Options.ClaimLease;
        string jobId;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            // The transaction holds the writer from its start (BEGIN IMMEDIATE), so no one claims between this read and the update.
            var candidate = await CandidateFactsQuery(db, queue, userId, now, now.AddMinutes(-Options.SkipCooldownMinutes)).FirstOrDefaultAsync(cancellationToken);
            if (candidate is null)
            {
                return null;
            }

            jobId = candidate.Id;
            var won = await db.ReviewJobs
                .Where(j => j.Id == jobId && j.Status == JobStatus.Open && (j.ClaimedByUserId == null || j.ClaimExpiresAt <= now))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.ClaimedByUserId, userId).SetProperty(j => j.ClaimExpiresAt, until), cancellationToken);
            if (won == 0)
            {
                return null;
            }

            await CommitClaimAsync(db, transaction, queue.OrganizationId, jobId, userId, now, candidate, cancellationToken);
        }

        await AnnounceAsync(db, queue.OrganizationId, jobId, LiveEventKinds.JobClaimed, userId, cancellationToken, queue.Id);
        return new ClaimedJob(jobId, queue.Id, until);
    }

    private async Task<ClaimedJob?> TryClaimAsync(
        CoopDbContext db, string organizationId, string queueId, string jobId, string userId, DateTime now, CancellationToken cancellationToken)
    {
        var until = now + Options.ClaimLease;

        // One transaction: the claim, its Claimed event and the roll-up counters commit together (one commit, and no claim
        // without its event after a crash).
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            var won = await db.ReviewJobs
                .Where(j => j.Id == jobId && j.Status == JobStatus.Open
                    && (j.ClaimedByUserId == null || j.ClaimExpiresAt <= now || (j.ClaimedByUserId == userId && j.ClaimExpiresAt > now)))
                .ExecuteUpdateAsync(s => s.SetProperty(j => j.ClaimedByUserId, userId).SetProperty(j => j.ClaimExpiresAt, until), cancellationToken);
            if (won == 0)
            {
                return null;
            }

            await CommitClaimAsync(db, transaction, organizationId, jobId, userId, now, candidate: null, cancellationToken);
        }

        await AnnounceAsync(db, organizationId, jobId, LiveEventKinds.JobClaimed, userId, cancellationToken, queueId);
        return new ClaimedJob(jobId, queueId, until);
    }

    /// <summary>
    /// Completes a won claim's transaction: its roll-up counters and Claimed event commit with it. The roll-up's facts come
    /// from <paramref name="candidate"/> when the claim read them with the job, else they are read now.
    /// </summary>
    private static async Task CommitClaimAsync(
        CoopDbContext db, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction transaction, string organizationId, string jobId, string userId, DateTime now,
        ClaimCandidate? candidate, CancellationToken cancellationToken)
    {
        if (candidate is null)
        {
            await RollupWriter.OnClaimedAsync(db, jobId, now, cancellationToken);
        }
        else if (!candidate.ClaimedBefore)
        {
            await RollupWriter.OnFirstClaimAsync(db, candidate.OrganizationId, candidate.QueueId, candidate.CreatedAt, now,
                new DailyZone(candidate.OrganizationId, candidate.DailyZone), cancellationToken);
        }

        db.JobEvents.Add(JobEvent.Record(organizationId, jobId, JobEventKind.Claimed, userId, now));
        await db.SaveBeforeCommitAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private async Task AnnounceAsync(
        CoopDbContext db, string organizationId, string jobId, string kind, string? userId, CancellationToken cancellationToken, string? queueId = null)
    {
        queueId ??= await db.ReviewJobs.Where(j => j.Id == jobId).Select(j => j.QueueId).SingleAsync(cancellationToken);
        await live.PublishAsync(new LiveEvent(organizationId, LiveTopics.Job(jobId), kind, jobId, userId), cancellationToken);
        await live.PublishAsync(new LiveEvent(organizationId, LiveTopics.Queue(queueId), kind, jobId, userId), cancellationToken);
        await live.PublishAsync(new LiveEvent(organizationId, LiveTopics.Queues(organizationId), kind, jobId, userId), cancellationToken);
    }

    private void RefuseWhileDraining()
    {
        if (node.IsDraining)
        {
            throw new Application.ValidationFailedException(string.Empty, Draining);
        }
    }
}
