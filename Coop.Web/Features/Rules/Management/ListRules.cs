using Coop.Domain.Authorization;
using Coop.Domain.Rules;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.Management;

/// <summary>The organization's rules, newest change first; <see cref="Status"/> and <see cref="Search"/> (name, description, tag) narrow them.</summary>
[RequiresPermission(Permissions.ViewRulesDashboard)]
public sealed record ListRulesQuery(RuleStatus? Status = null, string? Search = null);

/// <summary>A rule as the list shows it, with its matches today and in the last 7 days (UTC days).</summary>
public sealed record RuleSummary(
    string Id, string Name, string? Description, RuleStatus Status, bool Expired, int Version, IReadOnlyList<string> ItemTypeNames,
    IReadOnlyList<string> ActionNames, string? EnqueueQueueName, IReadOnlyList<string> Tags, long MatchesToday, long MatchesLast7Days, DateTime UpdatedAt);

internal sealed class ListRulesHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, TimeProvider time)
    : IQueryHandler<ListRulesQuery, IReadOnlyList<RuleSummary>>
{
    public async Task<IReadOnlyList<RuleSummary>> HandleAsync(ListRulesQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var actor = await currentUser.RequireActorAsync();
        var now = time.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var weekStart = today.AddDays(-6);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rules = await db.Rules.AsNoTracking().Where(r => r.OrganizationId == actor.OrganizationId && (query.Status == null || r.Status == query.Status))
            .ToListAsync(cancellationToken);
        var search = query.Search?.Trim();
        if (!string.IsNullOrEmpty(search))
        {
            rules = [.. rules.Where(r => r.Name.Contains(search, StringComparison.OrdinalIgnoreCase)
                || r.Description?.Contains(search, StringComparison.OrdinalIgnoreCase) == true
                || r.TagList.Any(t => t.Contains(search, StringComparison.OrdinalIgnoreCase)))];
        }

        var stats = await db.RuleDailyStats.AsNoTracking().Where(s => s.OrganizationId == actor.OrganizationId && s.Day >= weekStart)
            .Select(s => new { s.RuleId, s.Day, s.Matches }).ToListAsync(cancellationToken);
        var itemTypes = await db.ItemTypes.AsNoTracking().Where(t => t.OrganizationId == actor.OrganizationId).ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var actions = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == actor.OrganizationId).ToDictionaryAsync(a => a.Id, a => a.Name, cancellationToken);
        var queues = await db.ReviewQueues.AsNoTracking().Where(q => q.OrganizationId == actor.OrganizationId).ToDictionaryAsync(q => q.Id, q => q.Name, cancellationToken);
        return [.. rules.OrderByDescending(r => r.UpdatedAt).ThenBy(r => r.Name, StringComparer.OrdinalIgnoreCase).Select(r => new RuleSummary(
            r.Id, r.Name, r.Description, r.Status, r.ExpiresAt <= now, r.Version,
            [.. r.ItemTypeIdList.Select(id => itemTypes.GetValueOrDefault(id, id))],
            [.. r.ActionIdList.Select(id => actions.GetValueOrDefault(id, id))],
            r.EnqueueQueueId is { } q ? queues.GetValueOrDefault(q, q) : null,
            r.TagList,
            stats.Where(s => s.RuleId == r.Id && s.Day == today).Sum(s => s.Matches),
            stats.Where(s => s.RuleId == r.Id).Sum(s => s.Matches),
            r.UpdatedAt))];
    }
}
