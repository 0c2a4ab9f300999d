using System.Security.Claims;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Coop.Web.Features.Administration;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Persistence;

/// <summary>Runs the real migrations of each provider on a fresh database, then writes and reads back.</summary>
[Trait("Category", "Integration")]
public sealed class ProviderPersistenceTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres, DatabaseProvider.SqlServer];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Migrates_then_stores_an_organization_with_its_roles_and_an_admin(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run (see docs/development/development.md).");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new CoopAppFactory(database.Settings());

        var migrator = app.Services.GetRequiredService<DatabaseMigrator>();
        await migrator.MigrateAsync(TestContext.Current.CancellationToken);
        Assert.Empty(await migrator.PendingAsync(TestContext.Current.CancellationToken));

        var userId = await app.WithScopeAsync(async services =>
        {
            var provisioner = services.GetRequiredService<OrganizationProvisioner>();
            var organization = await provisioner.CreateOrganizationAsync("Acme Social", "tns@acme.example", isDemo: false, "test", default);
            var user = await provisioner.CreateUserAsync(organization.Id, "ada@acme.example", "correct horse battery", "Ada", "Lovelace",
                DefaultRoles.Admin, "test", null, default);
            return user.Id;
        });

        var factory = app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await using (var db = await factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            Assert.Equal(provider switch
            {
                DatabaseProvider.Sqlite => "Microsoft.EntityFrameworkCore.Sqlite",
                DatabaseProvider.Postgres => "Npgsql.EntityFrameworkCore.PostgreSQL",
                _ => "Microsoft.EntityFrameworkCore.SqlServer",
            }, db.Database.ProviderName);

            var user = await db.Users.SingleAsync(u => u.Id == userId, TestContext.Current.CancellationToken);
            var organization = await db.Organizations.SingleAsync(o => o.Id == user.OrganizationId, TestContext.Current.CancellationToken);
            Assert.Equal("Acme Social", organization.Name);
            Assert.Equal(DateTimeKind.Utc, organization.CreatedAt.Kind);
            Assert.Equal("Ada", user.FirstName);

            var roles = await db.Roles.Where(r => r.OrganizationId == organization.Id).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(DefaultRoles.All.Select(r => r.Key).Order(), roles.Select(r => r.Key).Order());
            var moderatorRoleId = roles.Single(r => r.Key == DefaultRoles.Moderator).Id;
            var moderatorPermissions = await db.RoleClaims
                .Where(c => c.RoleId == moderatorRoleId)
                .Select(c => c.ClaimValue).ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(DefaultRoles.Get(DefaultRoles.Moderator).Permissions.Order(), moderatorPermissions.Order());

            var audit = await db.AuditEntries.Where(a => a.OrganizationId == organization.Id).Select(a => a.Action)
                .ToListAsync(TestContext.Current.CancellationToken);
            Assert.Equal(["organization.created", "user.created"], audit.Order());
        }

        var principal = await app.WithScopeAsync(async services =>
        {
            var users = services.GetRequiredService<UserManager<CoopUser>>();
            var claims = services.GetRequiredService<IUserClaimsPrincipalFactory<CoopUser>>();
            return await claims.CreateAsync((await users.FindByEmailAsync("ada@acme.example"))!);
        });
        Assert.Equal(Permissions.All.Order(), principal.FindAll(Permissions.ClaimType).Select(c => c.Value).Order());
        Assert.Equal(DefaultRoles.Admin, principal.FindFirstValue(CoopClaimTypes.RoleKey));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Organization_names_and_user_emails_are_unique(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new CoopAppFactory(database.Settings());
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(TestContext.Current.CancellationToken);

        var organizationId = await app.WithScopeAsync(async services =>
        {
            var provisioner = services.GetRequiredService<OrganizationProvisioner>();
            var organization = await provisioner.CreateOrganizationAsync("Acme", "a@acme.example", false, "test", default);
            await provisioner.CreateUserAsync(organization.Id, "ada@acme.example", "correct horse battery", null, null, DefaultRoles.Moderator, "test", null, default);
            return organization.Id;
        });

        var duplicateOrganization = await Assert.ThrowsAsync<Coop.Web.Application.ValidationFailedException>(() => app.WithScopeAsync<object>(async services =>
            await services.GetRequiredService<OrganizationProvisioner>().CreateOrganizationAsync("Acme", "b@acme.example", false, "test", default)));
        Assert.Contains("OrganizationName", duplicateOrganization.Errors.Keys);

        var duplicateUser = await Assert.ThrowsAsync<Coop.Web.Application.ValidationFailedException>(() => app.WithScopeAsync<object>(async services =>
            await services.GetRequiredService<OrganizationProvisioner>().CreateUserAsync(organizationId, "ADA@acme.example", "another long password", null, null, DefaultRoles.Admin, "test", null, default)));
        Assert.Contains("Email", duplicateUser.Errors.Keys);
    }
}
