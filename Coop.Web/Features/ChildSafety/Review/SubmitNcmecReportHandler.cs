using Coop.Domain.Audit;
using Coop.Domain.ChildSafety;
using Coop.Domain.Common;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Ingestion;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.ChildSafety.Review;

/// <summary>
/// Records a report decision in one transaction: the job closes (only if the reviewer still holds it), the decision
/// row, a Pending <see cref="NcmecSubmission"/> carrying the <see cref="NcmecReportRequest"/> (environment: the org's
/// active one), a job event and an audit row without media addresses or content. Nothing is written when it is invalid.
/// </summary>
internal sealed class SubmitNcmecReportHandler(
    IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ItemTypeCatalog catalog, ILiveEvents live, TimeProvider time)
    : ICommandHandler<SubmitNcmecReportCommand, NcmecDecisionOutcome>
{
    public async Task<NcmecDecisionOutcome> HandleAsync(SubmitNcmecReportCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (job, content) = await NcmecDecisions.HeldJobAsync(db, actor, command.JobId, now, cancellationToken);
        var settings = await db.NcmecSettings.AsNoTracking().SingleOrDefaultAsync(s => s.OrganizationId == actor.OrganizationId, cancellationToken)
            ?? NcmecSettings.CreateDefault(actor.OrganizationId);
        var media = content?.Media ?? [];
        var user = new ItemIdentifier(job.ItemId, job.ItemTypeId);
        var threads = await NcmecThreads.ListAsync(db, actor.OrganizationId, user, cancellationToken);
        var errors = NcmecReportValidation.Validate(command, media, settings, threads.Select(t => t.Key).ToHashSet(StringComparer.Ordinal));
        if (errors.Count > 0)
        {
            throw new ValidationFailedException(errors);
        }

        var types = await catalog.GetLatestAsync(actor.OrganizationId, cancellationToken);
        var chosen = new List<NcmecReportedThread>();
        foreach (var thread in threads.Where(t => (command.ThreadKeys ?? []).Contains(t.Key)))
        {
            chosen.Add(await NcmecThreads.TranscriptAsync(db, types, actor.OrganizationId, thread, cancellationToken));
        }

        var byKey = media.ToDictionary(m => m.Key, StringComparer.Ordinal);
        var reported = command.Media.Where(i => i.Category != NcmecMediumCategory.None).Select(i => (Input: i, Medium: byKey[i.Key]))
            .Select(p => new NcmecReportedMedia(p.Medium.ItemId, p.Medium.ItemTypeId, p.Medium.Field, p.Medium.Url,
                (NcmecIndustryClassification)(int)p.Input.Category, p.Input.Annotations, p.Medium.CreatedAt, p.Medium.IpAddress, Viewed: p.Input.Viewed))
            .ToList();
        var request = new NcmecReportRequest(job.ItemId, job.ItemTypeId, command.IncidentType!.Value,
            command.Escalate ? NcmecReportValidation.Trimmed(command.EscalationReason) : null, NcmecReportValidation.Trimmed(command.AdditionalInfo), reported, chosen);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await NcmecDecisions.CloseHeldAsync(db, job, actor, now, cancellationToken);
        var submission = NcmecSubmission.Create(Ids.New(), actor.OrganizationId, job.Id, actor.UserId, settings.ActiveEnvironment, request, now);
        db.NcmecSubmissions.Add(submission);
        db.ReviewDecisions.Add(ReviewDecision.Record(job, DecisionKind.SubmitNcmecReport, actor.UserId, actor.Name, "[]", "[]", null, now,
            userItemTypeId: job.ItemTypeId, userItemId: job.ItemId));
        var summary = $"{NcmecVocabulary.IncidentTypeText(request.IncidentType)}; {reported.Count} of {media.Count} media reported"
            + (request.EscalationReason is null ? string.Empty : "; escalated") + $"; {settings.ActiveEnvironment} environment";
        db.JobEvents.Add(JobEvent.Record(actor.OrganizationId, job.Id, JobEventKind.Decided, actor.UserId, now, detail: $"NCMEC report: {summary}"));
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "ncmec.report-decided", "job", job.Id,
            $"Report on {job.ItemTypeId}/{job.ItemId}: {summary}; submission {submission.Id}", now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await NcmecDecisions.AnnounceAsync(live, job, actor.UserId, cancellationToken);
        return new NcmecDecisionOutcome(job.Id, submission.Id);
    }
}

/// <summary>"No report": closes the held NCMEC job with an Ignore decision (no platform callback: nothing is said about child-safety review).</summary>
internal sealed class DeclineNcmecReportHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ILiveEvents live, TimeProvider time)
    : ICommandHandler<DeclineNcmecReportCommand, NcmecDecisionOutcome>
{
    public async Task<NcmecDecisionOutcome> HandleAsync(DeclineNcmecReportCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var (job, _) = await NcmecDecisions.HeldJobAsync(db, actor, command.JobId, now, cancellationToken);
        var reason = NcmecReportValidation.Trimmed(command.Reason);
        if (reason is { Length: > ReviewDecision.ReasonMaxLength })
        {
            throw new ValidationFailedException("reason", $"Use at most {ReviewDecision.ReasonMaxLength} characters.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await NcmecDecisions.CloseHeldAsync(db, job, actor, now, cancellationToken);
        db.ReviewDecisions.Add(ReviewDecision.Record(job, DecisionKind.Ignore, actor.UserId, actor.Name, "[]", "[]", reason, now,
            userItemTypeId: job.ItemTypeId, userItemId: job.ItemId));
        db.JobEvents.Add(JobEvent.Record(actor.OrganizationId, job.Id, JobEventKind.Decided, actor.UserId, now, detail: "No NCMEC report"));
        db.AuditEntries.Add(AuditEntry.Record(actor.OrganizationId, actor.UserId, actor.Name, "ncmec.no-report", "job", job.Id,
            $"No report on {job.ItemTypeId}/{job.ItemId}", now));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await NcmecDecisions.AnnounceAsync(live, job, actor.UserId, cancellationToken);
        return new NcmecDecisionOutcome(job.Id, null);
    }
}
