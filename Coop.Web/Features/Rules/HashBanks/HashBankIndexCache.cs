using System.Collections.Concurrent;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.HashBanks;

/// <summary>
/// Per-bank in-memory indexes, shared by every evaluation on this node. A bank's index is built once and reused;
/// this node's own changes drop it at once (<see cref="Invalidate"/>), and at most every <see cref="RecheckAfter"/>
/// a use reads the bank's version (one small query) and rebuilds when another node changed it. So another node's
/// change is seen within 30 seconds.
/// </summary>
public sealed class HashBankIndexCache(IDbContextFactory<CoopDbContext> factory, TimeProvider time)
{
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, Lazy<Task<Entry>>> entries = new(StringComparer.Ordinal);

    /// <summary>The indexes of the banks of <paramref name="organizationId"/> among <paramref name="bankIds"/> (unknown ids and other organizations' banks are left out).</summary>
    public async Task<IReadOnlyList<HashBankIndex>> GetAsync(string organizationId, IEnumerable<string> bankIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bankIds);
        var found = new List<HashBankIndex>();
        foreach (var bankId in bankIds.Distinct(StringComparer.Ordinal))
        {
            var entry = await GetEntryAsync(bankId, cancellationToken);
            if (entry.Index is { } index && entry.OrganizationId == organizationId)
            {
                found.Add(index);
            }
        }

        return found;
    }

    /// <summary>Drops a bank's index (after this node changed the bank).</summary>
    public void Invalidate(string bankId) => entries.TryRemove(bankId, out _);

    private async Task<Entry> GetEntryAsync(string bankId, CancellationToken cancellationToken)
    {
        var current = entries.GetOrAdd(bankId, id => new Lazy<Task<Entry>>(() => LoadAsync(id, null)));
        Entry entry;
        try
        {
            entry = await current.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (current.Value.IsFaulted)
        {
            entries.TryRemove(new KeyValuePair<string, Lazy<Task<Entry>>>(bankId, current));
            throw;
        }

        if (time.GetUtcNow() - entry.CheckedAt < RecheckAfter)
        {
            return entry;
        }

        var refreshed = new Lazy<Task<Entry>>(() => LoadAsync(bankId, entry));
        var winner = entries.TryUpdate(bankId, refreshed, current) ? refreshed : entries.GetOrAdd(bankId, refreshed);
        try
        {
            return await winner.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (winner.Value.IsFaulted)
        {
            entries.TryRemove(new KeyValuePair<string, Lazy<Task<Entry>>>(bankId, winner));
            throw;
        }
    }

    private async Task<Entry> LoadAsync(string bankId, Entry? previous)
    {
        // Not cancellable: several evaluations may wait on one load.
        await using var db = await factory.CreateDbContextAsync();
        var bank = await db.HashBanks.AsNoTracking().Where(b => b.Id == bankId)
            .Select(b => new { b.OrganizationId, b.Name, b.Enabled, b.Version }).SingleOrDefaultAsync();
        var now = time.GetUtcNow();
        if (bank is null)
        {
            return new Entry(string.Empty, null, now);
        }

        if (previous?.Index is { } known && known.Version == bank.Version)
        {
            return previous with { CheckedAt = now };
        }

        var rows = await db.HashBankEntries.AsNoTracking().Where(e => e.BankId == bankId)
            .Select(e => new { e.Kind, e.Value, e.Label }).ToListAsync();
        var index = new HashBankIndex(bankId, bank.Name, bank.Enabled, bank.Version, rows.Select(r => (r.Kind, r.Value, r.Label)));
        return new Entry(bank.OrganizationId, index, now);
    }

    private sealed record Entry(string OrganizationId, HashBankIndex? Index, DateTimeOffset CheckedAt);
}
