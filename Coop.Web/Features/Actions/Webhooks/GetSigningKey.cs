using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Actions.Webhooks;

/// <summary>The organization's webhook signing public key (made on first use) and the keys it replaced.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record GetSigningKeyQuery;

public sealed record SigningKeyView(SigningKeyInfo Current, IReadOnlyList<SigningKeyInfo> Retired);

internal sealed class GetSigningKeyHandler(IDbContextFactory<CoopDbContext> factory, ICurrentUser currentUser, IWebhookSigner signer)
    : IQueryHandler<GetSigningKeyQuery, SigningKeyView>
{
    public async Task<SigningKeyView> HandleAsync(GetSigningKeyQuery query, CancellationToken cancellationToken = default)
    {
        var (organizationId, _, _) = await CurrentOrganization.RequireAsync(currentUser);
        await signer.GetPublicKeyPemAsync(organizationId, cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var keys = await db.WebhookSigningKeys.AsNoTracking().Where(k => k.OrganizationId == organizationId)
            .OrderByDescending(k => k.CreatedAt)
            .Select(k => new SigningKeyInfo(k.Id, k.PublicKeyPem, k.CreatedAt, k.RetiredAt))
            .ToListAsync(cancellationToken);
        return new SigningKeyView(keys.First(k => k.RetiredAt is null), [.. keys.Where(k => k.RetiredAt is not null)]);
    }
}
