using System.Collections.Concurrent;
using Coop.Domain.Signals.Geo;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.LocationBanks;

/// <summary>
/// Location banks as <see cref="GeohashPrefixSet"/>s by bank id, shared by every signal run; rechecked against the
/// bank's version stamp after <see cref="RecheckAfter"/> (changes on this node invalidate at once). A bank of another
/// organization is never returned.
/// </summary>
public sealed class LocationBankCache(IDbContextFactory<CoopDbContext> factory, TimeProvider time)
{
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (LoadedLocationBank Bank, DateTimeOffset CheckedAt)> banks = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new(StringComparer.Ordinal);

    public async ValueTask<LoadedLocationBank?> GetAsync(string organizationId, string bankId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organizationId);
        ArgumentNullException.ThrowIfNull(bankId);
        if (banks.TryGetValue(bankId, out var cached) && time.GetUtcNow() - cached.CheckedAt < RecheckAfter)
        {
            return cached.Bank.OrganizationId == organizationId ? cached.Bank : null;
        }

        var gate = locks.GetOrAdd(bankId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var header = await db.LocationBanks.AsNoTracking().Where(b => b.Id == bankId)
                .Select(b => new { b.OrganizationId, b.Name, b.Version }).SingleOrDefaultAsync(cancellationToken);
            if (header is null)
            {
                banks.TryRemove(bankId, out _);
                return null;
            }

            var bank = banks.TryGetValue(bankId, out cached) && cached.Bank.Version == header.Version ? cached.Bank : null;
            if (bank is null)
            {
                var entries = await db.LocationBankEntries.AsNoTracking().Where(e => e.BankId == bankId)
                    .Select(e => new { e.Prefix, e.Label }).ToListAsync(cancellationToken);
                bank = new LoadedLocationBank(bankId, header.OrganizationId, header.Name, header.Version,
                    new GeohashPrefixSet(entries.Select(e => (e.Prefix, e.Label))));
            }

            banks[bankId] = (bank, time.GetUtcNow());
            return bank.OrganizationId == organizationId ? bank : null;
        }
        finally
        {
            gate.Release();
        }
    }

    public void Invalidate(string bankId) => banks.TryRemove(bankId, out _);
}

/// <summary>A location bank ready to match.</summary>
public sealed record LoadedLocationBank(string Id, string OrganizationId, string Name, DateTime Version, GeohashPrefixSet Prefixes);
