using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Domain.ChildSafety;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.ChildSafety.Reports;

internal sealed class NcmecReportsHandlers(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ILiveEvents live, TimeProvider time)
    : IQueryHandler<ListNcmecSubmissionsQuery, NcmecReportsView>,
      ICommandHandler<RetryNcmecSubmissionCommand, NcmecSubmissionView>
{
    public async Task<NcmecReportsView> HandleAsync(ListNcmecSubmissionsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (actor, isAdmin) = await ActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await Visible(db, actor, isAdmin).OrderByDescending(s => s.CreatedAt).Take(Math.Clamp(query.Limit, 1, 1000)).ToListAsync(cancellationToken);
        var settings = await db.NcmecSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == actor.OrganizationId, cancellationToken);
        var emails = await EmailsAsync(db, rows.Select(r => r.ReviewerUserId), cancellationToken);
        return new NcmecReportsView(
            [.. rows.Select(r => View(r, emails.GetValueOrDefault(r.ReviewerUserId)))],
            settings is { CredentialsRefusedEnvironment: { } env, CredentialsRefusedAt: { } at } ? new NcmecCredentialAlertView(env, at) : null);
    }

    public async Task<NcmecSubmissionView> HandleAsync(RetryNcmecSubmissionCommand command, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var (actor, isAdmin) = await ActorAsync();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var submission = await Visible(db, actor, isAdmin).AsTracking().SingleOrDefaultAsync(s => s.Id == command.SubmissionId, cancellationToken)
            ?? throw new ValidationFailedException(nameof(command.SubmissionId), "There is no such NCMEC submission.");
        if (submission.State != NcmecSubmissionState.Failed)
        {
            throw new ValidationFailedException(nameof(command.SubmissionId), $"Only a failed submission can be retried; this one is {submission.State}.");
        }

        var now = time.GetUtcNow().UtcDateTime;
        var error = submission.LastError;
        submission.Retry(now);
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "ncmec.submission-retried", "ncmec-submission", submission.Id,
            $"Retried the {submission.Environment.ToString().ToLowerInvariant()} NCMEC submission for user {submission.UserItemId}; it resumes as {submission.State}."
            + (error is null ? string.Empty : $" It had failed: {error}"), now));
        await db.SaveChangesAsync(cancellationToken);
        await live.PublishAsync(new LiveEvent(actor.OrganizationId, LiveTopics.ChildSafety(actor.OrganizationId), LiveEventKinds.NcmecSubmissionChanged, submission.Id, actor.UserId),
            cancellationToken);
        var emails = await EmailsAsync(db, [submission.ReviewerUserId], cancellationToken);
        return View(submission, emails.GetValueOrDefault(submission.ReviewerUserId));
    }

    private async Task<(Actor Actor, bool IsAdmin)> ActorAsync()
    {
        var principal = await currentUser.GetPrincipalAsync();
        var actor = await currentUser.RequireActorAsync();
        return (actor, principal.HasClaim(Permissions.ClaimType, Permissions.ManageOrg));
    }

    /// <summary>The organization's submissions the actor may see: production ones, and test ones they made (all of them for admins).</summary>
    private static IQueryable<NcmecSubmission> Visible(CoopDbContext db, Actor actor, bool isAdmin) =>
        db.NcmecSubmissions.AsNoTracking().Where(s => s.OrganizationId == actor.OrganizationId
            && (isAdmin || s.Environment == NcmecEnvironment.Production || s.ReviewerUserId == actor.UserId));

    private static async Task<Dictionary<string, string?>> EmailsAsync(CoopDbContext db, IEnumerable<string> userIds, CancellationToken cancellationToken)
    {
        var ids = userIds.Distinct(StringComparer.Ordinal).ToList();
        return await db.Users.AsNoTracking().Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email, cancellationToken);
    }

    private static NcmecSubmissionView View(NcmecSubmission s, string? reviewerEmail)
    {
        var request = s.Request;
        return new NcmecSubmissionView(
            s.Id, s.State, s.Environment, s.ReportId, s.ReviewerUserId, reviewerEmail, s.UserItemId, s.UserItemTypeId,
            request.Media.Count + (request.Threads?.Count ?? 0), s.Attempts, s.NextAttemptAt, s.LastError, s.FileListMismatch,
            s.CreatedAt, s.FiledAt, s.RetentionUntil, s.PreservationState, s.PreservationAttempts, s.PreservationLastError, s.AbandonedReports);
    }
}
