using Coop.Domain.ApiKeys;
using Coop.Domain.Audit;
using Coop.Infrastructure.Persistence;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration;

/// <summary>
/// Issues an organization's platform API key and revokes its other keys in the same transaction, as Coop 1.0
/// keeps one active key per organization (rotation takes effect immediately). The plain key is returned once.
/// </summary>
public sealed class ApiKeyIssuer(IDbContextFactory<CoopDbContext> factory, TimeProvider time, Api.ApiKeyAuthenticator authenticator, ILiveEvents live)
{
    public async Task<IssuedApiKey> IssueAsync(
        string organizationId, string? name, string? description, string actor, string? actorId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var now = time.GetUtcNow().UtcDateTime;
        var active = await db.ApiKeys.Where(k => k.OrganizationId == organizationId && k.IsActive).ToListAsync(cancellationToken);
        active.ForEach(k => k.Revoke());
        var (key, plain) = ApiKey.Issue(organizationId, string.IsNullOrWhiteSpace(name) ? "Platform API key" : name, description, actor, now);
        db.ApiKeys.Add(key);
        db.AuditEntries.Add(AuditEntry.Record(organizationId, actorId, actor, "api-key.created", "api-key", key.Id,
            $"Issued API key {key.Prefix}… ('{key.Name}'); revoked {active.Count} other key(s).", now));
        await db.SaveChangesAsync(cancellationToken);
        // The revoked keys stop working now: on this node at once, on the others when they hear of it.
        authenticator.Forget(organizationId);
        await live.PublishAsync(new LiveEvent(organizationId, LiveTopics.ApiKeys(organizationId), LiveEventKinds.ApiKeysChanged, key.Id, actorId), CancellationToken.None);
        return new IssuedApiKey(key.Id, organizationId, plain, key.Prefix, active.Count);
    }
}

/// <summary>A freshly issued key; <see cref="PlainKey"/> exists only in this object and is never stored.</summary>
public sealed record IssuedApiKey(string KeyId, string OrganizationId, string PlainKey, string Prefix, int RevokedCount);
