using System.Collections.Concurrent;
using Coop.Domain.ApiKeys;
using Coop.Infrastructure.Persistence;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Api;

/// <summary>
/// Resolves <c>X-API-KEY</c> to its organization. Only active keys count, looked up by SHA-256. A node remembers a key it
/// found active for <see cref="RecheckAfter"/> (a busy platform sends hundreds of requests a second with one key, and the
/// lookup was a sixth of ingestion's CPU); issuing a key forgets its organization's keys at once on the node that issued it
/// and, through the live-event feed, on the others, so rotation takes effect at once, and within <see cref="RecheckAfter"/>
/// at worst (a node that missed the event, or a key rotated by the CLI in another process).
/// <c>LastUsedAt</c> is refreshed at most once a minute per key and node: the node remembers when it last wrote it, so
/// concurrent requests do not each start a write (on SQLite every such write took the single write lock, with a commit,
/// inside the ingestion path).
/// </summary>
public sealed class ApiKeyAuthenticator : IDisposable
{
    public const string HeaderName = "X-API-KEY";

    /// <summary>How long a node trusts a key it found active without looking again.</summary>
    public static readonly TimeSpan RecheckAfter = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan UsageInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTime> usageWritten = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, KnownKey> known = new(StringComparer.Ordinal);
    private readonly IDbContextFactory<CoopDbContext> factory;
    private readonly TimeProvider time;
    private readonly IDisposable keysChanged;

    public ApiKeyAuthenticator(IDbContextFactory<CoopDbContext> factory, TimeProvider time, ILiveEvents live)
    {
        this.factory = factory;
        this.time = time;
        keysChanged = live.SubscribeAll(e =>
        {
            if (e.Kind == LiveEventKinds.ApiKeysChanged)
            {
                Forget(e.OrganizationId);
            }

            return Task.CompletedTask;
        });
    }

    public void Dispose() => keysChanged.Dispose();

    /// <summary>Drops what this node remembers of <paramref name="organizationId"/>'s keys (after they changed).</summary>
    public void Forget(string organizationId)
    {
        foreach (var (hash, key) in known)
        {
            if (key.OrganizationId == organizationId)
            {
                known.TryRemove(hash, out _);
            }
        }
    }

    public async Task<ApiCaller?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var presented = request.Headers[HeaderName].ToString().Trim();
        if (presented.Length is 0 or > 256)
        {
            return null;
        }

        var hash = ApiKey.Hash(presented);
        var now = time.GetUtcNow().UtcDateTime;
        if (!known.TryGetValue(hash, out var key) || now - key.CheckedAt >= RecheckAfter)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            key = await db.ApiKeys.AsNoTracking()
                .Where(k => k.KeyHash == hash && k.IsActive)
                .Select(k => new KnownKey(k.Id, k.OrganizationId, k.LastUsedAt, now))
                .SingleOrDefaultAsync(cancellationToken);
            if (key is null)
            {
                known.TryRemove(hash, out _);
                return null;
            }

            known[hash] = key;
        }

        if ((key.LastUsedAt is null || now - key.LastUsedAt.Value > UsageInterval) && ClaimUsageWrite(key.Id, now))
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        return new ApiCaller(key.OrganizationId, key.Id);
    }

    private sealed record KnownKey(string Id, string OrganizationId, DateTime? LastUsedAt, DateTime CheckedAt);

    /// <summary>True for the one request on this node that should write the key's usage now (none more within the interval).</summary>
    private bool ClaimUsageWrite(string keyId, DateTime now)
    {
        while (true)
        {
            if (!usageWritten.TryGetValue(keyId, out var last))
            {
                if (usageWritten.TryAdd(keyId, now))
                {
                    return true;
                }

                continue;
            }

            if (now - last <= UsageInterval)
            {
                return false;
            }

            if (usageWritten.TryUpdate(keyId, now, last))
            {
                return true;
            }
        }
    }
}
