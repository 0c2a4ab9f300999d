using System.Text.Json;
using Coop.Domain.Authorization;
using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Domain.Policies;
using Coop.Domain.Reports;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Review.Routing;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Review.Jobs;

/// <summary>One job with its item, reports, context, appeal, policies and history. Anyone in the organization with review access may open it.</summary>
[RequiresPermission(Permissions.ViewMrt)]
public sealed record GetJobQuery(string JobId);

internal sealed class GetJobHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ItemDisplayBuilder displays)
    : IQueryHandler<GetJobQuery, JobDetails?>
{
    public async Task<JobDetails?> HandleAsync(GetJobQuery query, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        var principal = await currentUser.GetPrincipalAsync();
        var org = actor.OrganizationId;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var job = await db.ReviewJobs.AsNoTracking().SingleOrDefaultAsync(j => j.Id == query.JobId && j.OrganizationId == org, cancellationToken);
        if (job is null)
        {
            return null;
        }

        var queue = await db.ReviewQueues.AsNoTracking().SingleAsync(q => q.Id == job.QueueId, cancellationToken);
        if (queue.Kind == QueueKind.Ncmec && !principal.HasClaim(Permissions.ClaimType, Permissions.ViewChildSafetyData))
        {
            throw new ForbiddenAccessException("Child-safety jobs need child-safety access.");
        }

        var latest = await (
            from i in db.Set<Item>()
            where i.OrganizationId == org && i.ItemTypeId == job.ItemTypeId && i.ItemId == job.ItemId
            join s in db.Set<ItemSubmission>() on i.LatestSubmissionId equals s.Id
            select s).AsNoTracking().SingleOrDefaultAsync(cancellationToken);
        var reports = await db.Set<Report>().AsNoTracking().Include(r => r.Context).ThenInclude(c => c.Submission)
            .Where(r => r.JobId == job.Id).OrderBy(r => r.ReportedAt).ToListAsync(cancellationToken);
        // A user-centred NCMEC job's reports are about the user's items, not the user: only a subject that is the job's item stands in for it.
        latest ??= reports.SelectMany(r => r.Context).Where(c => c.Role == ContextItemRole.Subject)
            .Select(c => c.Submission).Where(s => s.ItemTypeId == job.ItemTypeId && s.ItemId == job.ItemId).MaxBy(s => s.Id);
        var appeal = job.AppealId is null ? null
            : await db.Set<Appeal>().AsNoTracking().Include(a => a.Context).ThenInclude(c => c.Submission).SingleOrDefaultAsync(a => a.Id == job.AppealId, cancellationToken);
        latest ??= appeal?.Context.Where(c => c.Role == ContextItemRole.Subject).Select(c => c.Submission).FirstOrDefault();

        var policyIds = job.PolicyIdList.Union(reports.Where(r => r.PolicyId != null).Select(r => r.PolicyId!)).ToList();
        var policies = await db.Policies.AsNoTracking().Where(p => p.OrganizationId == org && policyIds.Contains(p.Id)).ToListAsync(cancellationToken);
        var policyNames = policies.ToDictionary(p => p.Id, p => p.Name);
        var events = await db.JobEvents.AsNoTracking().Where(e => e.JobId == job.Id).OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Take(200).ToListAsync(cancellationToken);
        var userIds = events.SelectMany(e => new[] { e.UserId, e.OtherUserId }).Append(job.ClaimedByUserId).OfType<string>().Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Email ?? u.Id, cancellationToken);

        var reportedInThread = reports.SelectMany(r => JsonSerializer.Deserialize<ItemIdentifier[]>(r.ReportedItemsInThread, JsonSerializerOptions.Web) ?? [])
            .Select(i => (i.Id, i.TypeId)).ToHashSet();
        var thread = new List<ContextEntry>();
        foreach (var submission in Context(reports, ContextItemRole.Thread))
        {
            thread.Add(new ContextEntry(await DisplayAsync(org, submission.ItemTypeId, submission.ItemId, submission, cancellationToken),
                reportedInThread.Contains((submission.ItemId, submission.ItemTypeId))));
        }

        var additional = new List<ContextEntry>();
        foreach (var submission in Context(reports, ContextItemRole.Additional).Concat(appeal?.Context.Where(c => c.Role == ContextItemRole.Additional).Select(c => c.Submission) ?? []))
        {
            additional.Add(new ContextEntry(await DisplayAsync(org, submission.ItemTypeId, submission.ItemId, submission, cancellationToken), false));
        }

        JobAppeal? appealView = null;
        if (appeal is not null)
        {
            var actionIds = JsonSerializer.Deserialize<string[]>(appeal.ActionsTaken) ?? [];
            var actionNames = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == org && actionIds.Contains(a.Id)).Select(a => a.Name).ToListAsync(cancellationToken);
            var known = await db.ActionExecutions.AnyAsync(e => e.OrganizationId == org && e.ItemTypeId == appeal.ItemTypeId && e.ItemId == appeal.ItemId
                && actionIds.Contains(e.ActionId), cancellationToken);
            appealView = new JobAppeal(appeal.AppealId, appeal.AppealedById, appeal.AppealedByTypeId, appeal.AppealedAt, appeal.AppealReason, actionNames, known);
        }

        var penalty = policies.Count == 0 ? (Penalty?)null : policies.Max(p => p.Penalty);
        return new JobDetails(
            job.Id, queue.Id, queue.Name, queue.Kind, job.Status, job.Source, job.CreatedAt, job.ReportCount,
            job.ClaimedByUserId, job.ClaimedByUserId is { } holder ? names.GetValueOrDefault(holder, holder) : null, job.ClaimExpiresAt,
            queue.Ordering == QueueOrdering.Priority
                ? JobPriority.Explain(penalty, job.ReportCount, reports.Any(r => r.IsCsam), job.PriorityScore)
                : "This queue hands out the oldest job first.",
            await DisplayAsync(org, job.ItemTypeId, job.ItemId, latest, cancellationToken),
            [.. reports.Select(r => new JobReport(r.ReporterId, r.ReporterTypeId, r.Reason, r.PolicyId is { } p ? policyNames.GetValueOrDefault(p, p) : null, r.ReportedAt, r.IsCsam))],
            thread, additional, appealView,
            [.. policies.Select(p => new JobPolicy(p.Id, p.Name, p.Penalty, p.Description, p.EnforcementGuidelines))],
            [.. events.Select(e => new JobHistoryEntry(e.Kind, e.UserId is { } u ? names.GetValueOrDefault(u, u) : null,
                e.OtherUserId is { } o ? names.GetValueOrDefault(o, o) : null, e.Detail, e.At))]);
    }

    private static IEnumerable<ItemSubmission> Context(IEnumerable<Report> reports, ContextItemRole role) =>
        reports.SelectMany(r => r.Context.Where(c => c.Role == role).OrderBy(c => c.Position).Select(c => c.Submission))
            .GroupBy(s => (s.ItemTypeId, s.ItemId)).Select(g => g.MaxBy(s => s.Id)!)
            .OrderBy(s => s.PlatformCreatedAt ?? s.ReceivedAt);

    private Task<ItemDisplay> DisplayAsync(string org, string itemTypeId, string itemId, ItemSubmission? submission, CancellationToken cancellationToken) =>
        displays.BuildAsync(org, itemTypeId, itemId, submission, cancellationToken);
}
