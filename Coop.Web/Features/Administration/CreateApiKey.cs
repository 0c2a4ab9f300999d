using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration;

/// <summary>
/// The <c>create-api-key</c> verb: issues a platform API key for an organization named by id or name
/// (revoking its other keys). Operator-only: reachable from the command line, never from the console.
/// </summary>
[AllowAnonymousUse]
public sealed record CreateApiKeyCommand(string Organization, string? Name, string Actor = "cli");

public sealed record CreateApiKeyResult(string KeyId, string OrganizationId, string PlainKey, int RevokedCount);

internal sealed class CreateApiKeyHandler(IDbContextFactory<CoopDbContext> factory, ApiKeyIssuer issuer)
    : ICommandHandler<CreateApiKeyCommand, CreateApiKeyResult>
{
    public async Task<CreateApiKeyResult> HandleAsync(CreateApiKeyCommand command, CancellationToken cancellationToken = default)
    {
        var wanted = command.Organization.Trim();
        string? organizationId;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            organizationId = await db.Organizations.Where(o => o.Id == wanted || o.Name == wanted).Select(o => o.Id)
                .FirstOrDefaultAsync(cancellationToken);
        }

        if (organizationId is null)
        {
            throw new ValidationFailedException("Organization", $"No organization has the id or name '{wanted}'.");
        }

        var issued = await issuer.IssueAsync(organizationId, command.Name, null, command.Actor, null, cancellationToken);
        return new CreateApiKeyResult(issued.KeyId, issued.OrganizationId, issued.PlainKey, issued.RevokedCount);
    }
}
