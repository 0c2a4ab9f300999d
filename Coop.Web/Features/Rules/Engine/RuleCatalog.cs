using System.Collections.Concurrent;
using Coop.Domain.Rules;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Actions.Execution;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.Engine;

/// <summary>
/// The enabled (Live and Background, unexpired) rules of each organization, compiled, cached for
/// <see cref="Ttl"/> and dropped at once when this node changes a rule (<see cref="Invalidate"/>); other nodes see a
/// change within the TTL.
/// </summary>
public sealed class RuleCatalog(IDbContextFactory<CoopDbContext> factory, TimeProvider time)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (DateTime LoadedAt, Task<IReadOnlyList<CompiledRule>> Rules)> cache = new(StringComparer.Ordinal);

    public async Task<IReadOnlyList<CompiledRule>> EnabledAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var entry = cache.AddOrUpdate(
            organizationId,
            id => (now, LoadAsync(id, [RuleStatus.Live, RuleStatus.Background], null, cancellationToken)),
            (id, old) => now - old.LoadedAt > Ttl || old.Rules.IsFaulted || old.Rules.IsCanceled
                ? (now, LoadAsync(id, [RuleStatus.Live, RuleStatus.Background], null, cancellationToken))
                : old);
        var rules = await entry.Rules;
        return [.. rules.Where(r => r.ExpiresAt is null || r.ExpiresAt > now)];
    }

    /// <summary>Specific rules of the organization whatever their status (backtests, spot tests, retroaction), uncached.</summary>
    public Task<IReadOnlyList<CompiledRule>> ByIdAsync(string organizationId, IReadOnlyList<string> ruleIds, CancellationToken cancellationToken = default) =>
        LoadAsync(organizationId, null, ruleIds, cancellationToken);

    public void Invalidate(string organizationId) => cache.TryRemove(organizationId, out _);

    private async Task<IReadOnlyList<CompiledRule>> LoadAsync(
        string organizationId, RuleStatus[]? statuses, IReadOnlyList<string>? ids, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var query = db.Rules.AsNoTracking().Where(r => r.OrganizationId == organizationId);
        query = statuses is not null ? query.Where(r => statuses.Contains(r.Status)) : query.Where(r => ids!.Contains(r.Id));
        var rules = await query.OrderBy(r => r.Name).ToListAsync(cancellationToken);
        if (rules.Count == 0)
        {
            return [];
        }

        var actionIds = rules.SelectMany(r => r.ActionIdList).Distinct().ToList();
        var policyIds = rules.SelectMany(r => r.PolicyIdList).Distinct().ToList();
        var actions = await db.Actions.AsNoTracking().Where(a => a.OrganizationId == organizationId && actionIds.Contains(a.Id))
            .ToDictionaryAsync(a => a.Id, StringComparer.Ordinal, cancellationToken);
        var policies = await db.Policies.AsNoTracking().Where(p => p.OrganizationId == organizationId && policyIds.Contains(p.Id))
            .ToDictionaryAsync(p => p.Id, p => new PolicyReference(p.Id, p.Name, p.Penalty, p.UserStrikeCount), StringComparer.Ordinal, cancellationToken);
        return [.. rules.Select(r => CompiledRule.From(r, actions, policies)).OfType<CompiledRule>()];
    }
}
