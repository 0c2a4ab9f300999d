using Coop.Domain.Audit;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Actions.Webhooks;

/// <summary>
/// Replaces the organization's webhook signing key pair. Deliveries signed from now on verify only with
/// the new public key; the old one is kept (retired) for reference.
/// </summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record RotateSigningKeyCommand;

internal sealed class RotateSigningKeyHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, IWebhookSigner signer, TimeProvider time)
    : ICommandHandler<RotateSigningKeyCommand, SigningKeyInfo>
{
    public async Task<SigningKeyInfo> HandleAsync(RotateSigningKeyCommand command, CancellationToken cancellationToken = default)
    {
        var (organizationId, userId, actor) = await CurrentOrganization.RequireAsync(currentUser);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var key = await signer.RotateAsync(db, organizationId, cancellationToken);
        db.AuditEntries.Add(AuditEntry.Record(organizationId, userId, actor, "webhook-signing-key.rotated", "webhook-signing-key", key.KeyId,
            "Rotated the webhook signing key; the previous key is retired.", time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
        return key;
    }
}
