using Coop.Domain.Authorization;
using Coop.Web.Features.Administration;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Support;

/// <summary>Creates an organization with users of given roles in a running test app.</summary>
public static class OrganizationBuilder
{
    public const string Password = "test password 1234";

    /// <summary>Creates the organization and one user per role key, emailed <c>role-key@org.example</c>.</summary>
    public static Task<string> CreateAsync(CoopAppFactory app, string name, params string[] roleKeys) =>
        app.WithScopeAsync(async services =>
        {
            var provisioner = services.GetRequiredService<OrganizationProvisioner>();
            var organization = await provisioner.CreateOrganizationAsync(name, $"contact@{Slug(name)}.example", false, "test", default);
            foreach (var role in roleKeys.DefaultIfEmpty(DefaultRoles.Admin))
            {
                await provisioner.CreateUserAsync(organization.Id, EmailFor(name, role), Password, null, null, role, "test", null, default);
            }

            services.GetRequiredService<FirstRunState>().MarkSetUp();
            return organization.Id;
        });

    /// <summary>Adds a user with the given role to an existing organization and returns their id.</summary>
    public static Task<string> AddUserAsync(CoopAppFactory app, string organizationId, string email, string roleKey) =>
        app.WithScopeAsync(async services =>
        {
            var user = await services.GetRequiredService<OrganizationProvisioner>()
                .CreateUserAsync(organizationId, email, Password, null, null, roleKey, "test", null, default);
            return user.Id;
        });

    public static string EmailFor(string organization, string roleKey) =>
        $"{roleKey.ToLowerInvariant().Replace('_', '-')}@{Slug(organization)}.example";

    private static string Slug(string name) => name.ToLowerInvariant().Replace(' ', '-');
}
