using System.Collections.Concurrent;
using Coop.Domain.Rules;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Actions.Execution;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.Engine;

/// <summary>
/// The enabled (Live and Background, unexpired) rules of each organization, compiled, cached for
/// <see cref="Ttl"/> and dropped at once when a rule change is announced (<see cref="LiveEventKinds.RuleChanged"/>); nodes the
/// announcement does not reach see a change within the TTL.
/// </summary>
public sealed class RuleCatalog : IDisposable
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, (DateTime LoadedAt, Task<IReadOnlyList<CompiledRule>> Rules)> cache = new(StringComparer.Ordinal);
    private readonly IDbContextFactory<CoopDbContext> factory;
    private readonly TimeProvider time;
    private readonly IDisposable subscription;

    public RuleCatalog(IDbContextFactory<CoopDbContext> factory, TimeProvider time, ILiveEvents live)
    {
        ArgumentNullException.ThrowIfNull(live);
        this.factory = factory;
        this.time = time;

        // A rule saved anywhere this bus reaches (this node; every node once the bus spans them) is picked up at once.
        subscription = live.SubscribeAll(e =>
        {
            if (e.Kind == LiveEventKinds.RuleChanged)
            {
                Invalidate(e.OrganizationId);
            }

            return Task.CompletedTask;
        });
    }

    public void Dispose() => subscription.Dispose();

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
