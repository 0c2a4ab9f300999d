using Coop.Domain.Items;
using Coop.Domain.Moderation;
using Coop.Domain.Reports;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Users;

/// <summary>
/// Each section's rows before paging. Every row that can concern a user records that user when it is written (the
/// user item itself, else the item's author: see <see cref="ItemUser"/>), so each section is one range of an
/// (organization, user, time) index and pages seek into it; appeals are the union of two such ranges.
/// </summary>
internal static class UserHistorySources
{
    public static IQueryable<Item> Items(CoopDbContext db, UserHistoryScope scope) =>
        db.Set<Item>().AsNoTracking().Where(i => i.OrganizationId == scope.OrganizationId
            && i.CreatorTypeId == scope.User.TypeId && i.CreatorId == scope.User.Id);

    /// <summary>Reports record the user they concern (the reported user item, else the reported item's author), so one index serves.</summary>
    public static IQueryable<ReportRow> ReportsAgainst(CoopDbContext db, UserHistoryScope scope)
    {
        var rows = ReportRow.From(db.Set<Report>().AsNoTracking().Where(r => r.OrganizationId == scope.OrganizationId
            && r.UserItemTypeId == scope.User.TypeId && r.UserItemId == scope.User.Id));
        return scope.ChildSafety ? rows : rows.Where(r => !r.IsCsam);
    }

    public static IQueryable<ReportRow> ReportsBy(CoopDbContext db, UserHistoryScope scope)
    {
        var rows = ReportRow.From(db.Set<Report>().AsNoTracking().Where(r => r.OrganizationId == scope.OrganizationId
            && r.ReporterTypeId == scope.User.TypeId && r.ReporterId == scope.User.Id));
        return scope.ChildSafety ? rows : rows.Where(r => !r.IsCsam);
    }

    /// <summary>Decisions record the user they concern like reports do; child-safety queues' only for child-safety reviewers.</summary>
    public static IQueryable<DecisionRow> Decisions(CoopDbContext db, UserHistoryScope scope)
    {
        var childSafety = scope.ChildSafety;
        return
            from d in db.ReviewDecisions.AsNoTracking()
            where d.OrganizationId == scope.OrganizationId && d.UserItemTypeId == scope.User.TypeId && d.UserItemId == scope.User.Id
            join q in db.ReviewQueues.AsNoTracking() on d.QueueId equals q.Id
            where childSafety || (q.Kind != QueueKind.Ncmec && d.Kind != DecisionKind.SubmitNcmecReport)
            select new DecisionRow
            {
                JobId = d.JobId, QueueId = d.QueueId, QueueName = q.Name, ItemTypeId = d.ItemTypeId, ItemId = d.ItemId, Kind = d.Kind,
                ReviewerEmail = d.ReviewerEmail, ActionIds = d.ActionIds, PolicyIds = d.PolicyIds, Reason = d.Reason, DecidedAt = d.DecidedAt,
            };
    }

    /// <summary>Every execution records the user it concerned (the item itself for user items, else its author), so one index serves.</summary>
    public static IQueryable<Domain.Actions.ActionExecution> Actions(CoopDbContext db, UserHistoryScope scope)
    {
        var rows = db.ActionExecutions.AsNoTracking().Where(e => e.OrganizationId == scope.OrganizationId
            && e.UserItemTypeId == scope.User.TypeId && e.UserItemId == scope.User.Id);
        return scope.ChildSafety
            ? rows
            : rows.Where(e => e.JobId == null || !db.ReviewJobs.Any(j => j.Id == e.JobId
                && db.ReviewQueues.Any(q => q.Id == j.QueueId && q.Kind == QueueKind.Ncmec)));
    }

    public static IQueryable<Domain.Strikes.UserStrike> Strikes(CoopDbContext db, UserHistoryScope scope) =>
        db.UserStrikes.AsNoTracking().Where(s => s.OrganizationId == scope.OrganizationId
            && s.UserItemTypeId == scope.User.TypeId && s.UserItemId == scope.User.Id);

    /// <summary>Appeals the user made, and appeals about the user or their items (whoever sent them), each once: two index ranges.</summary>
    public static IQueryable<AppealRow> Appeals(CoopDbContext db, UserHistoryScope scope)
    {
        var (org, user) = (scope.OrganizationId, scope.User);
        var appeals = db.Set<Appeal>().AsNoTracking();
        var by = appeals.Where(a => a.OrganizationId == org && a.AppealedByTypeId == user.TypeId && a.AppealedById == user.Id);
        var about = appeals.Where(a => a.OrganizationId == org && a.UserItemTypeId == user.TypeId && a.UserItemId == user.Id);
        return AppealRow.From(by).Union(AppealRow.From(about));
    }
}

/// <summary>A report as the history lists it (a flat shape, so two sources can be concatenated in SQL).</summary>
internal sealed class ReportRow
{
    public string Id { get; init; } = string.Empty;
    public DateTime ReceivedAt { get; init; }
    public string ItemTypeId { get; init; } = string.Empty;
    public string ItemId { get; init; } = string.Empty;
    public string ReporterTypeId { get; init; } = string.Empty;
    public string ReporterId { get; init; } = string.Empty;
    public string? PolicyId { get; init; }
    public string? Reason { get; init; }
    public bool IsCsam { get; init; }
    public string? JobId { get; init; }

    public static IQueryable<ReportRow> From(IQueryable<Report> reports) => reports.Select(r => new ReportRow
    {
        Id = r.Id, ReceivedAt = r.ReceivedAt, ItemTypeId = r.ItemTypeId, ItemId = r.ItemId, ReporterTypeId = r.ReporterTypeId,
        ReporterId = r.ReporterId, PolicyId = r.PolicyId, Reason = r.Reason, IsCsam = r.IsCsam, JobId = r.JobId,
    });
}

/// <summary>A decision as the history lists it.</summary>
internal sealed class DecisionRow
{
    public string JobId { get; init; } = string.Empty;
    public string QueueId { get; init; } = string.Empty;
    public string QueueName { get; init; } = string.Empty;
    public string ItemTypeId { get; init; } = string.Empty;
    public string ItemId { get; init; } = string.Empty;
    public DecisionKind Kind { get; init; }
    public string? ReviewerEmail { get; init; }
    public string ActionIds { get; init; } = "[]";
    public string PolicyIds { get; init; } = "[]";
    public string? Reason { get; init; }
    public DateTime DecidedAt { get; init; }
}

/// <summary>An appeal as the history lists it.</summary>
internal sealed class AppealRow
{
    public string Id { get; init; } = string.Empty;
    public string AppealId { get; init; } = string.Empty;
    public DateTime ReceivedAt { get; init; }
    public string AppealedByTypeId { get; init; } = string.Empty;
    public string AppealedById { get; init; } = string.Empty;
    public string ItemTypeId { get; init; } = string.Empty;
    public string ItemId { get; init; } = string.Empty;
    public string? AppealReason { get; init; }
    public string? JobId { get; init; }

    public static IQueryable<AppealRow> From(IQueryable<Appeal> appeals) => appeals.Select(a => new AppealRow
    {
        Id = a.Id, AppealId = a.AppealId, ReceivedAt = a.ReceivedAt, AppealedByTypeId = a.AppealedByTypeId, AppealedById = a.AppealedById,
        ItemTypeId = a.ItemTypeId, ItemId = a.ItemId, AppealReason = a.AppealReason, JobId = a.JobId,
    });
}
