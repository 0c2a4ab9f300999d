using System.Security.Cryptography;
using Coop.Domain.Authorization;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration;

/// <summary>
/// Creates the demo organization with one account per common role, so the console can be explored.
/// Idempotent: does nothing when the demo organization exists. The password is generated unless given.
/// </summary>
[AllowAnonymousUse]
public sealed record SeedDemoCommand(string? Password);

public sealed record SeedDemoResult(bool Created, string OrganizationName, string? Password, IReadOnlyList<DemoAccount> Accounts);

public sealed record DemoAccount(string Email, string RoleKey);

internal sealed class SeedDemoHandler(OrganizationProvisioner provisioner, FirstRunState firstRun, DemoContent content)
    : ICommandHandler<SeedDemoCommand, SeedDemoResult>
{
    public const string OrganizationName = "Demo Platform";

    public static IReadOnlyList<DemoAccount> Accounts { get; } =
    [
        new("admin@demo.coop", DefaultRoles.Admin),
        new("lead@demo.coop", DefaultRoles.ModeratorManager),
        new("moderator@demo.coop", DefaultRoles.Moderator),
        new("childsafety@demo.coop", DefaultRoles.ChildSafetyModerator),
        new("rules@demo.coop", DefaultRoles.RulesManager),
        new("analyst@demo.coop", DefaultRoles.Analyst),
        new("external@demo.coop", DefaultRoles.ExternalModerator),
    ];

    public async Task<SeedDemoResult> HandleAsync(SeedDemoCommand command, CancellationToken cancellationToken = default)
    {
        var db = provisioner.Db;
        if (await db.Organizations.AnyAsync(o => o.Name == OrganizationName, cancellationToken))
        {
            return new SeedDemoResult(false, OrganizationName, null, Accounts);
        }

        var password = string.IsNullOrWhiteSpace(command.Password) ? GeneratePassword() : command.Password;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var organization = await provisioner.CreateOrganizationAsync(OrganizationName, "trust-and-safety@demo.coop", isDemo: true, "seed-demo", cancellationToken);
        foreach (var account in Accounts)
        {
            var role = DefaultRoles.Get(account.RoleKey);
            await provisioner.CreateUserAsync(organization.Id, account.Email, password, "Demo", role.DisplayName, account.RoleKey,
                actor: "seed-demo", actorId: null, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        await content.AddAsync(organization.Id, cancellationToken);
        firstRun.MarkSetUp();
        return new SeedDemoResult(true, OrganizationName, password, Accounts);
    }

    private static string GeneratePassword()
    {
        const string alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        var chars = RandomNumberGenerator.GetItems<char>(alphabet, 16);
        return $"{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}-{new string(chars, 12, 4)}";
    }
}
