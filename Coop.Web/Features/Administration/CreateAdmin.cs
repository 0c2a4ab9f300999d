using Coop.Domain.Authorization;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration;

/// <summary>
/// Headless admin creation (the <c>create-admin</c> verb): adds an admin to the named organization,
/// creating the organization when it does not exist. With no name and exactly one organization, uses it.
/// Operator-only: reachable from the command line, never from the console.
/// </summary>
[AllowAnonymousUse]
public sealed record CreateAdminCommand(string Email, string Password, string? OrganizationName);

public sealed record CreateAdminResult(string UserId, string OrganizationId, string OrganizationName, bool CreatedOrganization);

internal sealed class CreateAdminHandler(OrganizationProvisioner provisioner, FirstRunState firstRun)
    : ICommandHandler<CreateAdminCommand, CreateAdminResult>
{
    public async Task<CreateAdminResult> HandleAsync(CreateAdminCommand command, CancellationToken cancellationToken = default)
    {
        var db = provisioner.Db;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var name = command.OrganizationName?.Trim();
        var organization = string.IsNullOrEmpty(name)
            ? await SingleOrganizationOrNullAsync(cancellationToken)
            : await db.Organizations.FirstOrDefaultAsync(o => o.Name == name || o.Id == name, cancellationToken);
        var created = organization is null;
        organization ??= await provisioner.CreateOrganizationAsync(
            string.IsNullOrEmpty(name) ? "My Organization" : name, command.Email, isDemo: false, "cli", cancellationToken);

        var user = await provisioner.CreateUserAsync(organization.Id, command.Email, command.Password, null, null,
            DefaultRoles.Admin, actor: "cli", actorId: null, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        firstRun.MarkSetUp();
        return new CreateAdminResult(user.Id, organization.Id, organization.Name, created);
    }

    private async Task<Domain.Organizations.Organization?> SingleOrganizationOrNullAsync(CancellationToken cancellationToken)
    {
        var organizations = await provisioner.Db.Organizations.Take(2).ToListAsync(cancellationToken);
        return organizations.Count switch
        {
            0 => null,
            1 => organizations[0],
            _ => throw new ValidationFailedException("OrganizationName", "There are several organizations: name one with --org."),
        };
    }
}
