using System.Collections.Concurrent;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Rules.TextBanks;

/// <summary>
/// Built text bank matchers by bank id, shared by every signal run. A matcher is used as is for
/// <see cref="RecheckAfter"/>; after that the bank's version stamp is read (one small query) and the matcher is rebuilt
/// only when it moved. Changes made on this node invalidate at once (<see cref="Invalidate"/>); on other nodes they
/// show within <see cref="RecheckAfter"/>. A bank of another organization is never returned.
/// </summary>
public sealed class TextBankMatcherCache(IDbContextFactory<CoopDbContext> factory, TimeProvider time)
{
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (TextBankMatcher Matcher, DateTimeOffset CheckedAt)> matchers = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new(StringComparer.Ordinal);

    /// <summary>The matcher of bank <paramref name="bankId"/> of <paramref name="organizationId"/>, or null when there is no such bank.</summary>
    public async ValueTask<TextBankMatcher?> GetAsync(string organizationId, string bankId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(organizationId);
        ArgumentNullException.ThrowIfNull(bankId);
        if (matchers.TryGetValue(bankId, out var cached) && time.GetUtcNow() - cached.CheckedAt < RecheckAfter)
        {
            return cached.Matcher.OrganizationId == organizationId ? cached.Matcher : null;
        }

        var gate = locks.GetOrAdd(bankId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            if (matchers.TryGetValue(bankId, out cached) && time.GetUtcNow() - cached.CheckedAt < RecheckAfter)
            {
                return cached.Matcher.OrganizationId == organizationId ? cached.Matcher : null;
            }

            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var header = await db.TextBanks.AsNoTracking().Where(b => b.Id == bankId)
                .Select(b => new { b.OrganizationId, b.Name, b.Kind, b.Version }).SingleOrDefaultAsync(cancellationToken);
            if (header is null)
            {
                matchers.TryRemove(bankId, out _);
                return null;
            }

            var matcher = cached.Matcher is { } previous && previous.Version == header.Version ? previous : null;
            if (matcher is null)
            {
                var entries = await db.TextBankEntries.AsNoTracking().Where(e => e.BankId == bankId).Select(e => e.Value).ToListAsync(cancellationToken);
                matcher = new TextBankMatcher(bankId, header.OrganizationId, header.Name, header.Kind, header.Version, entries);
            }

            matchers[bankId] = (matcher, time.GetUtcNow());
            return matcher.OrganizationId == organizationId ? matcher : null;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Forgets bank <paramref name="bankId"/>'s matcher (after a change on this node).</summary>
    public void Invalidate(string bankId) => matchers.TryRemove(bankId, out _);
}
