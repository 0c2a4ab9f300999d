using Coop.Domain.ApiKeys;
using Coop.Domain.Audit;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration;

/// <summary>
/// Issues a platform API key for an organization (by id or name) and revokes its other keys, as Coop
/// 1.0 keeps one active key per organization. The plain key is returned once and never stored.
/// The <c>create-api-key</c> verb's use case; the console's API Keys screen arrives with administration.
/// </summary>
[AllowAnonymousUse]
public sealed record CreateApiKeyCommand(string Organization, string? Name, string Actor = "cli");

public sealed record CreateApiKeyResult(string KeyId, string OrganizationId, string PlainKey, int RevokedCount);

internal sealed class CreateApiKeyHandler(IDbContextFactory<CoopDbContext> factory, TimeProvider time)
    : ICommandHandler<CreateApiKeyCommand, CreateApiKeyResult>
{
    public async Task<CreateApiKeyResult> HandleAsync(CreateApiKeyCommand command, CancellationToken cancellationToken = default)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var wanted = command.Organization.Trim();
        var organization = await db.Organizations.FirstOrDefaultAsync(o => o.Id == wanted || o.Name == wanted, cancellationToken)
            ?? throw new ValidationFailedException("Organization", $"No organization has the id or name '{wanted}'.");

        var now = time.GetUtcNow().UtcDateTime;
        var active = await db.ApiKeys.Where(k => k.OrganizationId == organization.Id && k.IsActive).ToListAsync(cancellationToken);
        active.ForEach(k => k.Revoke());
        var (key, plain) = ApiKey.Issue(organization.Id, command.Name ?? "Platform API key", null, command.Actor, now);
        db.ApiKeys.Add(key);
        db.AuditEntries.Add(AuditEntry.Record(organization.Id, null, command.Actor, "api-key.created", "api-key", key.Id,
            $"Issued API key {key.Prefix}… ('{key.Name}'); revoked {active.Count} other key(s).", now));
        await db.SaveChangesAsync(cancellationToken);
        return new CreateApiKeyResult(key.Id, organization.Id, plain, active.Count);
    }
}
