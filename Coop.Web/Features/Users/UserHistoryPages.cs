using System.Globalization;
using System.Text.Json;
using Coop.Domain.Actions;
using Coop.Domain.Items;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Users;

/// <summary>
/// Reads one keyset page of a section: rows strictly after the cursor in (time, key) descending order — the time bound is
/// repeated as a plain range (<c>time &lt;= cursor</c>) so the database seeks into the index instead of filtering it —
/// one row more than asked to know whether there is a next page, then names resolved for just that page.
/// </summary>
internal sealed class UserHistoryPages(CoopDbContext db, UserHistoryScope scope, int take, DateTime nowUtc)
{
    public async Task<UserHistorySlice> ItemsAsync(UserHistoryCursor? after, CancellationToken cancellationToken)
    {
        var items = ItemsQuery(db, scope, after);
        var rows = await (
            from i in items.Take(take + 1)
            select new
            {
                i.ItemTypeId, i.ItemId, i.LastSeenAt, i.FirstSeenAt, i.SubmissionCount,
                DisplayName = db.Set<ItemSubmission>().Where(s => s.Id == i.LatestSubmissionId).Select(s => s.DisplayName).FirstOrDefault(),
            }).ToListAsync(cancellationToken);
        return Page(rows, r => new UserHistoryCursor(r.LastSeenAt, r.ItemTypeId, r.ItemId), r => new UserHistoryEntry(
            UserHistorySection.Items, $"{r.ItemTypeId}/{r.ItemId}", r.LastSeenAt, $"{scope.TypeName(r.ItemTypeId)}: {r.DisplayName ?? r.ItemId}",
            r.SubmissionCount == 1 ? "1 version" : $"{r.SubmissionCount} versions, first on {r.FirstSeenAt:yyyy-MM-dd HH:mm}",
            Item: new ItemIdentifier(r.ItemId, r.ItemTypeId)));
    }

    public async Task<UserHistorySlice> ReportsAsync(IQueryable<ReportRow> reports, UserHistorySection section, UserHistoryCursor? after, CancellationToken cancellationToken)
    {
        var rows = await ReportsQuery(reports, after).Take(take + 1).ToListAsync(cancellationToken);
        var policies = await PolicyNamesAsync(rows.Select(r => r.PolicyId).OfType<string>(), cancellationToken);
        return Page(rows, r => new UserHistoryCursor(r.ReceivedAt, r.Id), r => new UserHistoryEntry(
            section, r.Id, r.ReceivedAt,
            (section == UserHistorySection.ReportsBy ? $"Reported {scope.TypeName(r.ItemTypeId)} {r.ItemId}" : $"Reported by {r.ReporterId}")
                + (r.PolicyId is { } p ? $" for {policies.GetValueOrDefault(p, p)}" : string.Empty) + (r.IsCsam ? " (child safety)" : string.Empty),
            r.Reason, new ItemIdentifier(r.ItemId, r.ItemTypeId), new ItemIdentifier(r.ReporterId, r.ReporterTypeId), r.JobId));
    }

    public async Task<UserHistorySlice> DecisionsAsync(UserHistoryCursor? after, CancellationToken cancellationToken)
    {
        var rows = await DecisionsQuery(db, scope, after).Take(take + 1).ToListAsync(cancellationToken);
        var actionIds = rows.SelectMany(r => Ids(r.ActionIds)).Distinct().ToList();
        var actions = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == scope.OrganizationId && actionIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var policies = await PolicyNamesAsync(rows.SelectMany(r => Ids(r.PolicyIds)), cancellationToken);
        return Page(rows, r => new UserHistoryCursor(r.DecidedAt, r.JobId), r => new UserHistoryEntry(
            UserHistorySection.Decisions, r.JobId, r.DecidedAt, $"{KindText(r.Kind)} in {r.QueueName}",
            Join(
                Ids(r.ActionIds).Length > 0 ? string.Join(", ", Ids(r.ActionIds).Select(a => actions.GetValueOrDefault(a, a))) : null,
                Ids(r.PolicyIds).Length > 0 ? "under " + string.Join(", ", Ids(r.PolicyIds).Select(p => policies.GetValueOrDefault(p, p))) : null,
                "by " + (r.ReviewerEmail ?? "Coop"),
                r.Reason),
            new ItemIdentifier(r.ItemId, r.ItemTypeId), JobId: r.JobId));
    }

    public async Task<UserHistorySlice> ActionsAsync(UserHistoryCursor? after, CancellationToken cancellationToken)
    {
        var rows = await ActionsQuery(db, scope, after).Take(take + 1).ToListAsync(cancellationToken);
        return Page(rows, e => new UserHistoryCursor(e.ExecutedAt, e.Id), e => new UserHistoryEntry(
            UserHistorySection.Actions, e.Id, e.ExecutedAt, e.ActionName,
            Join(PolicyNamesOf(e.Policies) is { Length: > 0 } names ? "under " + names : null, "by " + (e.ActorEmail ?? SourceText(e.Source)), e.ActorNote),
            new ItemIdentifier(e.ItemId, e.ItemTypeId), JobId: e.JobId));
    }

    public async Task<UserHistorySlice> StrikesAsync(UserHistoryCursor? after, CancellationToken cancellationToken)
    {
        var rows = await StrikesQuery(db, scope, after).Take(take + 1).ToListAsync(cancellationToken);
        var policies = await PolicyNamesAsync(rows.Select(s => s.PolicyId), cancellationToken);
        return Page(rows, s => new UserHistoryCursor(s.CreatedAt, s.Id.ToString(CultureInfo.InvariantCulture)), s => new UserHistoryEntry(
            UserHistorySection.Strikes, s.Id.ToString(CultureInfo.InvariantCulture), s.CreatedAt,
            $"+{s.Weight} under {policies.GetValueOrDefault(s.PolicyId, s.PolicyId)}",
            s.RemovedAt is { } removed ? $"Removed {removed:yyyy-MM-dd HH:mm} (appeal accepted)"
                : s.IsActiveAt(nowUtc) ? $"Active until {s.ExpiresAt:yyyy-MM-dd HH:mm} UTC" : $"Expired {s.ExpiresAt:yyyy-MM-dd HH:mm} UTC",
            ExpiresAt: s.ExpiresAt, Active: s.IsActiveAt(nowUtc)));
    }

    public async Task<UserHistorySlice> AppealsAsync(UserHistoryCursor? after, CancellationToken cancellationToken)
    {
        var rows = await AppealsQuery(db, scope, after).Take(take + 1).ToListAsync(cancellationToken);
        return Page(rows, a => new UserHistoryCursor(a.ReceivedAt, a.Id), a => new UserHistoryEntry(
            UserHistorySection.Appeals, a.Id, a.ReceivedAt, $"Appeal {a.AppealId} of {scope.TypeName(a.ItemTypeId)} {a.ItemId}", a.AppealReason,
            new ItemIdentifier(a.ItemId, a.ItemTypeId), new ItemIdentifier(a.AppealedById, a.AppealedByTypeId), a.JobId));
    }

    /// <summary>The user's items after the cursor, newest first (the index's own order).</summary>
    internal static IQueryable<Item> ItemsQuery(CoopDbContext db, UserHistoryScope scope, UserHistoryCursor? after)
    {
        var items = UserHistorySources.Items(db, scope);
        if (after is { } c)
        {
            var (at, typeId, id) = (c.At, c.Key, c.Key2 ?? string.Empty);
            items = items.Where(i => i.LastSeenAt <= at
                && (i.LastSeenAt < at || i.ItemTypeId.CompareTo(typeId) < 0 || (i.ItemTypeId == typeId && i.ItemId.CompareTo(id) < 0)));
        }

        return items.OrderByDescending(i => i.LastSeenAt).ThenByDescending(i => i.ItemTypeId).ThenByDescending(i => i.ItemId);
    }

    internal static IQueryable<ReportRow> ReportsQuery(IQueryable<ReportRow> reports, UserHistoryCursor? after)
    {
        if (after is { } c)
        {
            var (at, id) = (c.At, c.Key);
            reports = reports.Where(r => r.ReceivedAt <= at && (r.ReceivedAt < at || r.Id.CompareTo(id) < 0));
        }

        return reports.OrderByDescending(r => r.ReceivedAt).ThenByDescending(r => r.Id);
    }

    internal static IQueryable<DecisionRow> DecisionsQuery(CoopDbContext db, UserHistoryScope scope, UserHistoryCursor? after)
    {
        var decisions = UserHistorySources.Decisions(db, scope);
        if (after is { } c)
        {
            var (at, id) = (c.At, c.Key);
            decisions = decisions.Where(d => d.DecidedAt <= at && (d.DecidedAt < at || d.JobId.CompareTo(id) < 0));
        }

        return decisions.OrderByDescending(d => d.DecidedAt).ThenByDescending(d => d.JobId);
    }

    internal static IQueryable<ActionExecution> ActionsQuery(CoopDbContext db, UserHistoryScope scope, UserHistoryCursor? after)
    {
        var executions = UserHistorySources.Actions(db, scope);
        if (after is { } c)
        {
            var (at, id) = (c.At, c.Key);
            executions = executions.Where(e => e.ExecutedAt <= at && (e.ExecutedAt < at || e.Id.CompareTo(id) < 0));
        }

        return executions.OrderByDescending(e => e.ExecutedAt).ThenByDescending(e => e.Id);
    }

    internal static IQueryable<Domain.Strikes.UserStrike> StrikesQuery(CoopDbContext db, UserHistoryScope scope, UserHistoryCursor? after)
    {
        var strikes = UserHistorySources.Strikes(db, scope);
        if (after is { } c)
        {
            var (at, id) = (c.At, long.Parse(c.Key, CultureInfo.InvariantCulture));
            strikes = strikes.Where(s => s.CreatedAt <= at && (s.CreatedAt < at || s.Id < id));
        }

        return strikes.OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id);
    }

    internal static IQueryable<AppealRow> AppealsQuery(CoopDbContext db, UserHistoryScope scope, UserHistoryCursor? after)
    {
        var appeals = UserHistorySources.Appeals(db, scope);
        if (after is { } c)
        {
            var (at, id) = (c.At, c.Key);
            appeals = appeals.Where(a => a.ReceivedAt <= at && (a.ReceivedAt < at || a.Id.CompareTo(id) < 0));
        }

        return appeals.OrderByDescending(a => a.ReceivedAt).ThenByDescending(a => a.Id);
    }

    private UserHistorySlice Page<T>(List<T> rows, Func<T, UserHistoryCursor> cursor, Func<T, UserHistoryEntry> map) =>
        rows.Count > take
            ? new UserHistorySlice([.. rows.Take(take).Select(map)], cursor(rows[take - 1]))
            : new UserHistorySlice([.. rows.Select(map)], null);

    private async Task<Dictionary<string, string>> PolicyNamesAsync(IEnumerable<string> ids, CancellationToken cancellationToken)
    {
        var wanted = ids.Distinct().ToList();
        return wanted.Count == 0
            ? []
            : await db.Policies.AsNoTracking().Where(p => p.OrganizationId == scope.OrganizationId && wanted.Contains(p.Id))
                .ToDictionaryAsync(p => p.Id, p => p.Name, cancellationToken);
    }

    private static string[] Ids(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];

    private static string PolicyNamesOf(string json)
    {
        using var document = JsonDocument.Parse(json);
        return string.Join(", ", document.RootElement.EnumerateArray()
            .Select(p => p.TryGetProperty("name", out var name) ? name.GetString() : null).OfType<string>());
    }

    private static string? Join(params string?[] parts) =>
        parts.Where(p => !string.IsNullOrWhiteSpace(p)).ToArray() is { Length: > 0 } present ? string.Join(" · ", present) : null;

    public static string KindText(DecisionKind kind) => kind switch
    {
        DecisionKind.Action => "Actioned",
        DecisionKind.Ignore => "Ignored",
        DecisionKind.Move => "Moved",
        DecisionKind.EnqueueToNcmec => "Sent to NCMEC review",
        DecisionKind.AcceptAppeal => "Appeal accepted",
        DecisionKind.RejectAppeal => "Appeal rejected",
        DecisionKind.AutomaticClose => "Closed automatically",
        DecisionKind.SubmitNcmecReport => "Reported to NCMEC",
        _ => kind.ToString(),
    };

    private static string SourceText(ActionExecutionSource source) => source switch
    {
        ActionExecutionSource.ManualConsole => "a console user",
        ActionExecutionSource.PostActions => "the platform API",
        ActionExecutionSource.ReviewDecision => "a review decision",
        ActionExecutionSource.Rule => "a rule",
        ActionExecutionSource.StrikeThreshold => "a strike threshold",
        ActionExecutionSource.Bulk => "a bulk action",
        _ => "Coop",
    };
}
