using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review.Claims;

/// <summary>Claims the next job of a queue the reviewer may work (or returns the one they already hold there).</summary>
[RequiresPermission(Permissions.ViewMrt)]
public sealed record ClaimNextJobCommand(string QueueId);

/// <summary>Claims a given job, e.g. from its own page.</summary>
[RequiresPermission(Permissions.ViewMrt)]
public sealed record ClaimJobCommand(string JobId);

/// <summary>Extends the reviewer's claim while they work; null when they lost it.</summary>
[RequiresPermission(Permissions.ViewMrt)]
public sealed record RenewClaimCommand(string JobId);

/// <summary>Returns the reviewer's job to its queue.</summary>
[RequiresPermission(Permissions.ViewMrt)]
public sealed record ReleaseClaimCommand(string JobId);

/// <summary>Returns the job to its queue as skipped (not offered to this reviewer again for a while) and claims the next.</summary>
[RequiresPermission(Permissions.ViewMrt)]
public sealed record SkipJobCommand(string JobId);

/// <summary>Hands the reviewer's job to a colleague who may work its queue.</summary>
[RequiresPermission(Permissions.ViewMrt)]
public sealed record HandOffJobCommand(string JobId, string ToUserId);

/// <summary>The colleagues a job can be handed to: members of the organization who may work its queue, except the caller.</summary>
[RequiresPermission(Permissions.ViewMrt)]
public sealed record ListHandOffCandidatesQuery(string JobId);

/// <summary>A person to hand a job to.</summary>
public sealed record Colleague(string UserId, string Name);

internal sealed class ClaimHandlers(JobClaims claims, IQueueAccess access, ICurrentUser currentUser, IDbContextFactory<CoopDbContext> factory)
    : ICommandHandler<ClaimNextJobCommand, ClaimedJob?>, ICommandHandler<ClaimJobCommand, ClaimedJob?>, ICommandHandler<RenewClaimCommand, ClaimedJob?>,
      ICommandHandler<ReleaseClaimCommand, bool>, ICommandHandler<SkipJobCommand, ClaimedJob?>, ICommandHandler<HandOffJobCommand, bool>,
      IQueryHandler<ListHandOffCandidatesQuery, IReadOnlyList<Colleague>>
{
    private const string NoAccess = "You are not a reviewer of this queue.";

    public async Task<ClaimedJob?> HandleAsync(ClaimNextJobCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await RequireAccessAsync(actor, command.QueueId, cancellationToken);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var claimed = await claims.ClaimNextAsync(actor.OrganizationId, command.QueueId, actor.UserId, cancellationToken);
        Coop.Infrastructure.Telemetry.CoopMetrics.RecordClaim(System.Diagnostics.Stopwatch.GetElapsedTime(started), claimed is not null);
        return claimed;
    }

    public async Task<ClaimedJob?> HandleAsync(ClaimJobCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        await RequireAccessAsync(actor, await QueueOfAsync(actor, command.JobId, cancellationToken), cancellationToken);
        return await claims.ClaimAsync(actor.OrganizationId, command.JobId, actor.UserId, cancellationToken);
    }

    public async Task<ClaimedJob?> HandleAsync(RenewClaimCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        return await claims.RenewAsync(actor.OrganizationId, command.JobId, actor.UserId, cancellationToken);
    }

    public async Task<bool> HandleAsync(ReleaseClaimCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        return await claims.ReleaseAsync(actor.OrganizationId, command.JobId, actor.UserId, cancellationToken: cancellationToken);
    }

    public async Task<ClaimedJob?> HandleAsync(SkipJobCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var queueId = await QueueOfAsync(actor, command.JobId, cancellationToken);
        await claims.ReleaseAsync(actor.OrganizationId, command.JobId, actor.UserId, skipped: true, cancellationToken);
        return await claims.ClaimNextAsync(actor.OrganizationId, queueId, actor.UserId, cancellationToken);
    }

    public async Task<bool> HandleAsync(HandOffJobCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var queueId = await QueueOfAsync(actor, command.JobId, cancellationToken);
        if (command.ToUserId == actor.UserId || !await access.CanWorkAsync(actor.OrganizationId, command.ToUserId, queueId, cancellationToken))
        {
            throw new ValidationFailedException("toUserId", "Choose a colleague who reviews this queue.");
        }

        return await claims.HandOffAsync(actor.OrganizationId, command.JobId, actor.UserId, command.ToUserId, cancellationToken)
            ? true
            : throw new ValidationFailedException(string.Empty, "You no longer hold this job, so you cannot hand it on.");
    }

    public async Task<IReadOnlyList<Colleague>> HandleAsync(ListHandOffCandidatesQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var queueId = await QueueOfAsync(actor, query.JobId, cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var members = await db.Users.AsNoTracking().Where(u => u.OrganizationId == actor.OrganizationId && u.Id != actor.UserId)
            .OrderBy(u => u.Email).Select(u => new { u.Id, u.Email, u.FirstName, u.LastName }).ToListAsync(cancellationToken);
        var colleagues = new List<Colleague>();
        foreach (var member in members)
        {
            if (await access.CanWorkAsync(actor.OrganizationId, member.Id, queueId, cancellationToken))
            {
                var name = string.Join(' ', new[] { member.FirstName, member.LastName }.Where(n => !string.IsNullOrWhiteSpace(n)));
                colleagues.Add(new Colleague(member.Id, name.Length > 0 ? $"{name} ({member.Email})" : member.Email ?? member.Id));
            }
        }

        return colleagues;
    }

    private async Task RequireAccessAsync(Actor actor, string queueId, CancellationToken cancellationToken)
    {
        if (!await access.CanWorkAsync(actor.OrganizationId, actor.UserId, queueId, cancellationToken))
        {
            throw new ForbiddenAccessException(NoAccess);
        }
    }

    private async Task<string> QueueOfAsync(Actor actor, string jobId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ReviewJobs.Where(j => j.Id == jobId && j.OrganizationId == actor.OrganizationId).Select(j => j.QueueId).SingleOrDefaultAsync(cancellationToken)
            ?? throw new ValidationFailedException(string.Empty, "There is no such job.");
    }
}
