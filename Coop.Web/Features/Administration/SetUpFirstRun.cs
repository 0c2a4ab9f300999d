using System.ComponentModel.DataAnnotations;
using Coop.Domain.Authorization;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration;

/// <summary>
/// The one-time setup: the first organization and its first admin. Needs the setup code the server printed;
/// refused once any user exists.
/// </summary>
[AllowAnonymousUse]
public sealed record SetUpFirstRunCommand(string SetupCode, string OrganizationName, string? FullName, string Email, string Password);

/// <summary>The created admin's id and email.</summary>
public sealed record SetUpFirstRunResult(string UserId, string Email, string OrganizationId);

internal sealed class SetUpFirstRunHandler(OrganizationProvisioner provisioner, FirstRunState firstRun)
    : ICommandHandler<SetUpFirstRunCommand, SetUpFirstRunResult>
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public async Task<SetUpFirstRunResult> HandleAsync(SetUpFirstRunCommand command, CancellationToken cancellationToken = default)
    {
        if (!firstRun.IsValidSetupCode(command.SetupCode))
        {
            throw new ValidationFailedException(nameof(command.SetupCode), "The setup code is wrong. It is printed in the output of the server process.");
        }

        if (!new EmailAddressAttribute().IsValid(command.Email))
        {
            throw new ValidationFailedException(nameof(command.Email), "Enter a valid email address.");
        }

        await Gate.WaitAsync(cancellationToken);
        try
        {
            var db = provisioner.Db;
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            if (await db.Users.AnyAsync(cancellationToken))
            {
                throw new ValidationFailedException(string.Empty, "Coop is already set up. Sign in instead.");
            }

            var (first, last) = SplitName(command.FullName);
            var organization = await provisioner.CreateOrganizationAsync(command.OrganizationName, command.Email, isDemo: false, command.Email, cancellationToken);
            var user = await provisioner.CreateUserAsync(organization.Id, command.Email, command.Password, first, last,
                DefaultRoles.Admin, actor: "setup", actorId: null, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            firstRun.MarkSetUp();
            return new SetUpFirstRunResult(user.Id, user.Email!, organization.Id);
        }
        finally
        {
            Gate.Release();
        }
    }

    internal static (string? First, string? Last) SplitName(string? fullName)
    {
        var parts = (fullName ?? string.Empty).Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length switch
        {
            0 => (null, null),
            1 => (parts[0], null),
            _ => (parts[0], parts[1]),
        };
    }
}
