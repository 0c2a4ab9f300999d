using Coop.Domain.Authorization;
using Coop.Domain.Rules;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.Insights;

/// <summary>One rule's evaluations, matches and actions per UTC day over the last <see cref="Days"/> days, and its latest matches.</summary>
[RequiresPermission(Permissions.ViewInsights)]
public sealed record GetRuleInsightsQuery(string RuleId, int Days = 30, int LatestMatches = 50);

public sealed record RuleInsights(string RuleId, string Name, RuleStatus Status, int Version, IReadOnlyList<RuleDay> Days, IReadOnlyList<RuleMatchView> LatestMatches)
{
    public long Evaluations => Days.Sum(d => d.Evaluations);

    public long Matches => Days.Sum(d => d.Matches);

    public long Actions => Days.Sum(d => d.Actions);
}

/// <summary>One UTC day (every day of the window is present, zero when nothing ran).</summary>
public sealed record RuleDay(DateOnly Day, long Evaluations, long Matches, long Actions);

public sealed record RuleMatchView(string ItemTypeId, string ItemTypeName, string ItemId, int Version, RuleEnvironment Environment, bool Acted, DateTime MatchedAt);

internal sealed class GetRuleInsightsHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, TimeProvider time)
    : IQueryHandler<GetRuleInsightsQuery, RuleInsights?>
{
    public async Task<RuleInsights?> HandleAsync(GetRuleInsightsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var actor = await currentUser.RequireActorAsync();
        var days = Math.Clamp(query.Days, 1, 366);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var first = today.AddDays(1 - days);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rule = await db.Rules.AsNoTracking().SingleOrDefaultAsync(r => r.Id == query.RuleId && r.OrganizationId == actor.OrganizationId, cancellationToken);
        if (rule is null)
        {
            return null;
        }

        var stats = await db.RuleDailyStats.AsNoTracking().Where(s => s.RuleId == rule.Id && s.Day >= first).ToListAsync(cancellationToken);
        var matches = await db.RuleMatches.AsNoTracking().Where(m => m.RuleId == rule.Id)
            .OrderByDescending(m => m.MatchedAt).ThenByDescending(m => m.Id).Take(Math.Clamp(query.LatestMatches, 1, 500)).ToListAsync(cancellationToken);
        var typeIds = matches.Select(m => m.ItemTypeId).Distinct().ToList();
        var typeNames = await db.ItemTypes.AsNoTracking().Where(t => t.OrganizationId == actor.OrganizationId && typeIds.Contains(t.Id))
            .ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
        var perDay = Enumerable.Range(0, days).Select(i => first.AddDays(i)).Select(day =>
        {
            var s = stats.Where(x => x.Day == day).ToList();
            return new RuleDay(day, s.Sum(x => x.Evaluations), s.Sum(x => x.Matches), s.Sum(x => x.Actions));
        }).ToList();
        return new RuleInsights(rule.Id, rule.Name, rule.Status, rule.Version, perDay,
            [.. matches.Select(m => new RuleMatchView(m.ItemTypeId, typeNames.GetValueOrDefault(m.ItemTypeId, m.ItemTypeId), m.ItemId, m.RuleVersion, m.Environment, m.Acted, m.MatchedAt))]);
    }
}
