using System.Collections.Concurrent;
using Coop.Domain.ApiKeys;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Api;

/// <summary>
/// Resolves <c>X-API-KEY</c> to its organization. Only active keys count, looked up by SHA-256 on every
/// request, so a rotated key stops working at once. <c>LastUsedAt</c> is refreshed at most once a minute per key and
/// node: the node remembers when it last wrote it, so concurrent requests do not each start a write (on SQLite every
/// such write took the single write lock, with a commit, inside the ingestion path).
/// </summary>
public sealed class ApiKeyAuthenticator(IDbContextFactory<CoopDbContext> factory, TimeProvider time)
{
    public const string HeaderName = "X-API-KEY";

    private static readonly TimeSpan UsageInterval = TimeSpan.FromMinutes(1);
    private readonly ConcurrentDictionary<string, DateTime> usageWritten = new(StringComparer.Ordinal);

    public async Task<ApiCaller?> AuthenticateAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var presented = request.Headers[HeaderName].ToString().Trim();
        if (presented.Length is 0 or > 256)
        {
            return null;
        }

        var hash = ApiKey.Hash(presented);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var key = await db.ApiKeys.AsNoTracking()
            .Where(k => k.KeyHash == hash && k.IsActive)
            .Select(k => new { k.Id, k.OrganizationId, k.LastUsedAt })
            .SingleOrDefaultAsync(cancellationToken);
        if (key is null)
        {
            return null;
        }

        var now = time.GetUtcNow().UtcDateTime;
        if ((key.LastUsedAt is null || now - key.LastUsedAt.Value > UsageInterval) && ClaimUsageWrite(key.Id, now))
        {
            await db.ApiKeys.Where(k => k.Id == key.Id).ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        return new ApiCaller(key.OrganizationId, key.Id);
    }

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
