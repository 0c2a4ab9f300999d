using System.Net;
using Coop.Domain.Authorization;
using Coop.Infrastructure.Identity;
using Coop.Tests.Support;
using Coop.Web.Application;
using Coop.Web.Features.Administration.Roles;
using Coop.Web.Features.Administration.Users;
using Coop.Web.Features.Review.Queues;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Administration;

[Trait("Category", "Integration")]
public sealed class RoleAdministrationTests : IAsyncLifetime
{
    private readonly CoopAppFactory app = new();
    private string org = string.Empty;

    private static string Admin => OrganizationBuilder.EmailFor("Acme", DefaultRoles.Admin);

    private static string Moderator => OrganizationBuilder.EmailFor("Acme", DefaultRoles.Moderator);

    public async ValueTask InitializeAsync() =>
        org = await OrganizationBuilder.CreateAsync(app, "Acme", DefaultRoles.Admin, DefaultRoles.Moderator);

    public ValueTask DisposeAsync() => app.DisposeAsync();

    private Task<T> AsAdminAsync<TCommand, T>(TCommand command)
        where TCommand : notnull => app.AsUserAsync(Admin, s => s.SendAsync<TCommand, T>(command));

    [Fact]
    public async Task Withdrawing_a_permission_applies_to_a_signed_in_holder_on_their_next_request_and_is_audited()
    {
        var moderatorRole = await app.RoleIdAsync(org, DefaultRoles.Moderator);
        using var client = app.CookieClient();
        await FormSignIn.SignInAsync(client, Moderator, OrganizationBuilder.Password);
        Assert.Equal(HttpStatusCode.OK, (await client.ProbeAsync("/review")).Status);

        var summary = await AsAdminAsync<SetRolePermissionCommand, RoleSummary>(new SetRolePermissionCommand(moderatorRole, Permissions.ViewMrt, false));

        Assert.DoesNotContain(Permissions.ViewMrt, summary.Permissions);
        var (status, location) = await client.ProbeAsync("/review");
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.StartsWith("/access-denied", new Uri(new Uri("http://x"), location).PathAndQuery, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            app.AsUserAsync(Moderator, s => s.AskAsync<ListReviewQueuesQuery, IReadOnlyList<QueueSummary>>(new ListReviewQueuesQuery())));
        var audit = await app.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "role.permission-revoked" && a.TargetId == moderatorRole));
        Assert.Contains("\"before\":[", audit.Details, StringComparison.Ordinal);
        Assert.Contains(Permissions.ViewMrt, audit.Details, StringComparison.Ordinal);

        await AsAdminAsync<SetRolePermissionCommand, RoleSummary>(new SetRolePermissionCommand(moderatorRole, Permissions.ViewMrt, true));
        Assert.Equal(HttpStatusCode.OK, (await client.ProbeAsync("/review")).Status);
    }

    [Fact]
    public async Task A_custom_role_is_created_from_another_renamed_held_and_deleted_only_when_nobody_holds_it()
    {
        var moderatorRole = await app.RoleIdAsync(org, DefaultRoles.Moderator);
        var trainee = await AsAdminAsync<CreateRoleCommand, RoleSummary>(new CreateRoleCommand("Trainee", "New moderators", moderatorRole));
        Assert.False(trainee.IsSystem);
        Assert.Equal(DefaultRoles.Get(DefaultRoles.Moderator).Permissions.Order(), trainee.Permissions.Order());

        var duplicate = await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync<CreateRoleCommand, RoleSummary>(new CreateRoleCommand("moderator", null)));
        Assert.Equal(["Name"], duplicate.Errors.Keys);
        var renamed = await AsAdminAsync<UpdateRoleCommand, RoleSummary>(new UpdateRoleCommand(trainee.Id, "Junior moderator", "Learning"));
        Assert.Equal("Junior moderator", renamed.Name);
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync<DeleteRoleCommand, bool>(new DeleteRoleCommand(moderatorRole)));

        var moderatorId = await app.UserIdAsync(Moderator);
        await AsAdminAsync<AssignRoleCommand, bool>(new AssignRoleCommand(moderatorId, trainee.Id));
        var held = await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync<DeleteRoleCommand, bool>(new DeleteRoleCommand(trainee.Id)));
        Assert.Contains("hold this role", held.Message, StringComparison.Ordinal);
        var principal = await app.WithScopeAsync(async s => await s.GetRequiredService<IUserClaimsPrincipalFactory<CoopUser>>()
            .CreateAsync((await s.GetRequiredService<UserManager<CoopUser>>().FindByEmailAsync(Moderator))!));
        Assert.Equal("Junior moderator", principal.FindFirst(CoopClaimTypes.RoleName)?.Value);

        await AsAdminAsync<AssignRoleCommand, bool>(new AssignRoleCommand(moderatorId, moderatorRole));
        Assert.True(await AsAdminAsync<DeleteRoleCommand, bool>(new DeleteRoleCommand(trainee.Id)));
        var roles = await app.AsUserAsync(Admin, s => s.AskAsync<ListRolesQuery, IReadOnlyList<RoleSummary>>(new ListRolesQuery()));
        Assert.Equal(DefaultRoles.All.Select(r => r.Key), roles.Select(r => r.Key));
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.TargetType == "role").Select(a => a.Action).ToListAsync());
        Assert.Equal(["role.created", "role.deleted", "role.updated"], actions.Order(StringComparer.Ordinal));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            app.AsUserAsync(Moderator, s => s.SendAsync<CreateRoleCommand, RoleSummary>(new CreateRoleCommand("Mine", null))));
    }

    [Fact]
    public async Task The_last_administrator_cannot_take_away_their_own_rights_until_another_exists()
    {
        var adminRole = await app.RoleIdAsync(org, DefaultRoles.Admin);
        var moderatorRole = await app.RoleIdAsync(org, DefaultRoles.Moderator);
        var adminId = await app.UserIdAsync(Admin);

        var roles = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync<SetRolePermissionCommand, RoleSummary>(new SetRolePermissionCommand(adminRole, Permissions.ManageRoles, false)));
        Assert.Contains("Manage roles", roles.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<ValidationFailedException>(() =>
            AsAdminAsync<SetRolePermissionCommand, RoleSummary>(new SetRolePermissionCommand(adminRole, Permissions.ManageUsers, false)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync<AssignRoleCommand, bool>(new AssignRoleCommand(adminId, moderatorRole)));
        await Assert.ThrowsAsync<ValidationFailedException>(() => AsAdminAsync<SetUserActiveCommand, bool>(new SetUserActiveCommand(adminId, false)));

        // Other permissions of the admin role may still change.
        var changed = await AsAdminAsync<SetRolePermissionCommand, RoleSummary>(new SetRolePermissionCommand(adminRole, Permissions.RunRetroaction, false));
        Assert.DoesNotContain(Permissions.RunRetroaction, changed.Permissions);

        // With a second admin, the first may step down.
        var second = await OrganizationBuilder.AddUserAsync(app, org, "second-admin@acme.example", DefaultRoles.Admin);
        Assert.True(await AsAdminAsync<AssignRoleCommand, bool>(new AssignRoleCommand(adminId, moderatorRole)));
        Assert.Equal(second, (await app.UserAsync("second-admin@acme.example")).Id);
        await Assert.ThrowsAsync<ForbiddenAccessException>(() =>
            app.AsUserAsync(Admin, s => s.AskAsync<ListRolesQuery, IReadOnlyList<RoleSummary>>(new ListRolesQuery())));

        // …and the second, now alone, cannot be deactivated by anyone.
        await Assert.ThrowsAsync<ValidationFailedException>(() => app.AsUserAsync("second-admin@acme.example",
            s => s.SendAsync<SetRolePermissionCommand, RoleSummary>(new SetRolePermissionCommand(adminRole, Permissions.ManageUsers, false))));
    }
}
