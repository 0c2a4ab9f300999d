using System.Text.Json;
using Coop.Domain.Authorization;
using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Domain.Reports;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Coop.Web.Features.Ingestion;
using Coop.Web.Features.Review.Jobs;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Investigation.Items;

/// <summary>
/// One item's page: its versions (newest first), reports, review jobs, decisions, action runs with their delivery,
/// strikes and appeals. Child-safety review stays hidden from people without child-safety access (see
/// <see cref="ChildSafetyScope"/>); an item known only from child-safety review is refused to them.
/// </summary>
[RequiresPermission(Permissions.ViewInvestigation)]
public sealed record GetInvestigationItemQuery(string ItemTypeId, string ItemId);

internal sealed class GetInvestigationItemHandler(
    IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, ItemTypeCatalog catalog, ItemDisplayBuilder displays)
    : IQueryHandler<GetInvestigationItemQuery, InvestigationItem>
{
    /// <summary>Versions shown at most; the count says how many there are.</summary>
    public const int MaxVersions = 50;

    /// <summary>Rows of each history list shown at most.</summary>
    public const int MaxRows = 200;

    public async Task<InvestigationItem> HandleAsync(GetInvestigationItemQuery query, CancellationToken cancellationToken = default)
    {
        var org = (await currentUser.RequireActorAsync()).OrganizationId;
        var principal = await currentUser.GetPrincipalAsync();
        var (typeId, itemId) = (query.ItemTypeId, query.ItemId);
        var types = await catalog.GetLatestAsync(org, cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var scope = await ChildSafetyScope.LoadAsync(db, org, principal, cancellationToken);

        var jobs = await (
            from j in db.ReviewJobs.AsNoTracking()
            where j.OrganizationId == org && j.ItemTypeId == typeId && j.ItemId == itemId
            join q in db.ReviewQueues on j.QueueId equals q.Id
            orderby j.CreatedAt descending
            select new { j.Id, j.QueueId, q.Name, q.Kind, j.Status, j.Source, j.CreatedAt, j.ClosedAt })
            .Take(MaxRows).ToListAsync(cancellationToken);
        var hiddenJobs = jobs.Where(j => scope.Hides(j.QueueId)).Select(j => j.Id).ToHashSet(StringComparer.Ordinal);
        var inNcmecReview = !scope.HidesNothing && hiddenJobs.Count == jobs.Count
            && await db.NcmecJobItems.AnyAsync(n => n.OrganizationId == org && n.ItemTypeId == typeId && n.ItemId == itemId, cancellationToken);
        if ((hiddenJobs.Count > 0 && hiddenJobs.Count == jobs.Count) || inNcmecReview)
        {
            throw new ForbiddenAccessException("This item is in child-safety review; seeing it needs child-safety access.");
        }

        var item = await db.Set<Item>().AsNoTracking().SingleOrDefaultAsync(i => i.OrganizationId == org && i.ItemTypeId == typeId && i.ItemId == itemId, cancellationToken);
        var submissions = db.Set<ItemSubmission>().AsNoTracking().Where(s => s.OrganizationId == org && s.ItemTypeId == typeId && s.ItemId == itemId);
        var versionCount = await submissions.CountAsync(cancellationToken);
        var versions = new List<ItemVersion>();
        foreach (var s in await submissions.OrderByDescending(s => s.Id).Take(MaxVersions).ToListAsync(cancellationToken))
        {
            versions.Add(new ItemVersion(s.Id, s.ReceivedAt, s.Source, s.SchemaVariant, s.ItemTypeVersion, await displays.BuildAsync(org, typeId, itemId, s, cancellationToken)));
        }

        var policyNames = await db.Policies.AsNoTracking().Where(p => p.OrganizationId == org).ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
        var actionNames = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == org).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        string PolicyName(string id) => policyNames.GetValueOrDefault(id, id);
        string ActionName(string id) => actionNames.GetValueOrDefault(id, id);

        var reports = (await db.Set<Report>().AsNoTracking()
                .Where(r => r.OrganizationId == org && r.ItemTypeId == typeId && r.ItemId == itemId)
                .OrderByDescending(r => r.ReceivedAt).Take(MaxRows)
                .Select(r => new { r.Id, r.ReporterId, r.ReporterTypeId, r.Reason, r.PolicyId, r.IsCsam, r.ReportedAt, r.JobId })
                .ToListAsync(cancellationToken))
            .Where(r => scope.CanSee || !(r.IsCsam || (r.JobId is { } job && hiddenJobs.Contains(job))))
            .Select(r => new ItemReportRow(r.Id, r.ReporterId, r.ReporterTypeId, r.Reason, r.PolicyId is { } p ? PolicyName(p) : null, r.IsCsam, r.ReportedAt, r.JobId))
            .ToList();

        var decisions = (await db.ReviewDecisions.AsNoTracking()
                .Where(d => d.OrganizationId == org && d.ItemTypeId == typeId && d.ItemId == itemId)
                .OrderByDescending(d => d.DecidedAt).Take(MaxRows).ToListAsync(cancellationToken))
            .Where(d => !scope.Hides(d.QueueId))
            .Select(d => new ItemDecisionRow(d.JobId, d.Kind, d.ReviewerEmail, [.. Ids(d.ActionIds).Select(ActionName)], [.. Ids(d.PolicyIds).Select(PolicyName)], d.Reason, d.DecidedAt))
            .ToList();

        var executions = await (
            from e in db.ActionExecutions.AsNoTracking()
            where e.OrganizationId == org && e.ItemTypeId == typeId && e.ItemId == itemId
            join m in db.OutboxMessages on e.OutboxMessageId equals m.Id into delivered
            from m in delivered.DefaultIfEmpty()
            orderby e.ExecutedAt descending
            select new
            {
                e.Id, e.ActionName, e.Source, e.ActorEmail, e.Policies, e.JobId, e.ExecutedAt, e.CorrelationId,
                Delivery = m == null ? null : new ItemDelivery(m.Id, m.Status, m.AttemptCount, m.LastStatusCode, m.LastError, m.LastAttemptAt),
            }).Take(MaxRows).ToListAsync(cancellationToken);
        executions.RemoveAll(e => e.JobId is { } job && hiddenJobs.Contains(job));

        var correlations = executions.Select(e => e.CorrelationId).Distinct().ToList();
        var strikes = await db.UserStrikes.AsNoTracking()
            .Where(s => s.OrganizationId == org && correlations.Contains(s.CorrelationId))
            .OrderByDescending(s => s.CreatedAt).Take(MaxRows)
            .Select(s => new { s.UserItemTypeId, s.UserItemId, s.PolicyId, s.Weight, s.CreatedAt, s.ExpiresAt, s.RemovedAt })
            .ToListAsync(cancellationToken);

        var appeals = (await db.Set<Appeal>().AsNoTracking()
                .Where(a => a.OrganizationId == org && a.ItemTypeId == typeId && a.ItemId == itemId)
                .OrderByDescending(a => a.ReceivedAt).Take(MaxRows)
                .Select(a => new { a.AppealId, a.AppealedById, a.AppealedByTypeId, a.AppealReason, a.ActionsTaken, a.AppealedAt, a.JobId })
                .ToListAsync(cancellationToken))
            .Where(a => a.JobId is null || !hiddenJobs.Contains(a.JobId))
            .Select(a => new ItemAppealRow(a.AppealId, a.AppealedById, a.AppealedByTypeId, a.AppealReason, [.. Ids(a.ActionsTaken).Select(ActionName)], a.AppealedAt, a.JobId))
            .ToList();

        var type = types.ById(typeId);
        var creator = item is { CreatorId: { } cid, CreatorTypeId: { } ctid } ? new ItemIdentifier(cid, ctid)
            : await submissions.OrderByDescending(s => s.Id).Where(s => s.CreatorId != null && s.CreatorTypeId != null)
                .Select(s => new ItemIdentifier(s.CreatorId!, s.CreatorTypeId!)).FirstOrDefaultAsync(cancellationToken);
        return new InvestigationItem(
            typeId, type?.Name ?? typeId, type?.Kind, itemId, creator, item?.FirstSeenAt, item?.LastSeenAt, versionCount, versions, reports,
            [.. jobs.Where(j => !hiddenJobs.Contains(j.Id)).Select(j => new ItemJobRow(j.Id, j.Name, j.Kind, j.Status, j.Source, j.CreatedAt, j.ClosedAt))],
            decisions,
            [.. executions.Select(e => new ItemExecutionRow(e.Id, e.ActionName, e.Source, e.ActorEmail, PolicyNamesOf(e.Policies), e.JobId, e.ExecutedAt, e.Delivery))],
            [.. strikes.Select(s => new ItemStrikeRow(s.UserItemTypeId, s.UserItemId, PolicyName(s.PolicyId), s.Weight, s.CreatedAt, s.ExpiresAt, s.RemovedAt != null))],
            appeals);
    }

    private static string[] Ids(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<string[]>(json) ?? [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Names as recorded when the action ran (<c>[{ id, name }]</c>).</summary>
    private static string[] PolicyNamesOf(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind != JsonValueKind.Array ? [] : [.. document.RootElement.EnumerateArray()
                .Select(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString()
                    : p.ValueKind == JsonValueKind.Object && p.TryGetProperty("id", out var i) ? i.ToString() : null)
                .OfType<string>()];
        }
        catch (JsonException)
        {
            return [];
        }
    }
}
