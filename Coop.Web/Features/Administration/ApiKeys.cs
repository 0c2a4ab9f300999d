using Coop.Domain.Authorization;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration;

/// <summary>The signed-in admin's organization's API keys, newest first (metadata only: keys are stored hashed).</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record ListApiKeysQuery;

public sealed record ApiKeySummary(string Id, string Prefix, string Name, bool IsActive, DateTime CreatedAt, DateTime? LastUsedAt, string? CreatedBy);

/// <summary>Issues a new API key for the admin's organization; the previous key stops working at once.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record RotateApiKeyCommand(string? Name);

internal sealed class ApiKeysHandler(IDbContextFactory<CoopDbContext> factory, ApiKeyIssuer issuer, ICurrentUser currentUser)
    : IQueryHandler<ListApiKeysQuery, IReadOnlyList<ApiKeySummary>>, ICommandHandler<RotateApiKeyCommand, IssuedApiKey>
{
    public async Task<IReadOnlyList<ApiKeySummary>> HandleAsync(ListApiKeysQuery query, CancellationToken cancellationToken = default)
    {
        var organizationId = (await currentUser.RequireActorAsync()).OrganizationId;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ApiKeys.AsNoTracking()
            .Where(k => k.OrganizationId == organizationId)
            .OrderByDescending(k => k.CreatedAt)
            .Take(50)
            .Select(k => new ApiKeySummary(k.Id, k.Prefix, k.Name, k.IsActive, k.CreatedAt, k.LastUsedAt, k.CreatedBy))
            .ToListAsync(cancellationToken);
    }

    public async Task<IssuedApiKey> HandleAsync(RotateApiKeyCommand command, CancellationToken cancellationToken = default)
    {
        var actor = await currentUser.RequireActorAsync();
        return await issuer.IssueAsync(actor.OrganizationId, command.Name, null, actor.Name, actor.UserId, cancellationToken);
    }
}
