using Coop.Domain.Authorization;

namespace Coop.Tests.Unit.Authorization;

[Trait("Category", "Unit")]
public sealed class DefaultRolesTests
{
    // Coop 1.0's seeded role -> permission matrix (server/services/userManagementService/permissioning.ts).
    public static TheoryData<string, string, string[]> CoopMatrix => new()
    {
        { "RULES_MANAGER", "Rules Manager", ["MUTATE_LIVE_RULES", "MUTATE_NON_LIVE_RULES", "RUN_RETROACTION", "RUN_BACKTEST", "VIEW_INSIGHTS", "MANUALLY_ACTION_CONTENT", "MANAGE_POLICIES", "VIEW_INVESTIGATION", "VIEW_RULES_DASHBOARD"] },
        { "ANALYST", "Analyst", ["MUTATE_NON_LIVE_RULES", "RUN_BACKTEST", "VIEW_INSIGHTS", "VIEW_INVESTIGATION", "VIEW_RULES_DASHBOARD"] },
        { "MODERATOR_MANAGER", "Moderator Manager", ["VIEW_MRT", "VIEW_MRT_DATA", "EDIT_MRT_QUEUES", "MANAGE_ROUTING_RULES", "MANAGE_POLICIES", "VIEW_INVESTIGATION", "VIEW_RULES_DASHBOARD", "VIEW_CHILD_SAFETY_DATA", "MANUALLY_ACTION_CONTENT"] },
        { "MODERATOR", "Moderator", ["VIEW_MRT", "VIEW_MRT_DATA", "MANAGE_POLICIES", "MANUALLY_ACTION_CONTENT", "VIEW_INVESTIGATION", "VIEW_RULES_DASHBOARD"] },
        { "CHILD_SAFETY_MODERATOR", "Child Safety Moderator", ["VIEW_MRT", "VIEW_MRT_DATA", "MANAGE_POLICIES", "MANUALLY_ACTION_CONTENT", "VIEW_INVESTIGATION", "VIEW_RULES_DASHBOARD", "VIEW_CHILD_SAFETY_DATA"] },
        { "EXTERNAL_MODERATOR", "External Moderator", ["VIEW_MRT"] },
    };

    [Theory]
    [MemberData(nameof(CoopMatrix))]
    public void Each_role_grants_exactly_coop_1_0s_permissions(string key, string displayName, string[] expected)
    {
        var role = DefaultRoles.Get(key);

        Assert.Equal(displayName, role.DisplayName);
        Assert.Equal(expected.Order(), role.Permissions.Order());
    }

    [Fact]
    public void There_are_exactly_seven_roles_and_admin_holds_every_permission()
    {
        Assert.Equal(7, DefaultRoles.All.Count);
        Assert.Equal(7, DefaultRoles.All.Select(r => r.Key).Distinct().Count());
        Assert.Equal(Permissions.All.Order(), DefaultRoles.Get(DefaultRoles.Admin).Permissions.Order());
    }

    [Fact]
    public void Every_role_uses_only_catalogued_permissions_without_repeats()
    {
        Assert.All(DefaultRoles.All, role =>
        {
            Assert.All(role.Permissions, p => Assert.True(Permissions.IsKnown(p), $"{role.Key} has unknown {p}"));
            Assert.Equal(role.Permissions.Count, role.Permissions.Distinct().Count());
        });
    }

    [Fact]
    public void Only_admin_may_manage_users_roles_and_the_organization()
    {
        string[] adminOnly = [Permissions.ManageOrg, Permissions.ManageUsers, Permissions.ManageRoles];
        var holders = DefaultRoles.All.Where(r => r.Permissions.Intersect(adminOnly).Any()).Select(r => r.Key);
        Assert.Equal([DefaultRoles.Admin], holders);
    }

    [Fact]
    public void Unknown_role_keys_are_refused()
    {
        Assert.False(DefaultRoles.IsKnown("SUPERUSER"));
        Assert.Throws<ArgumentOutOfRangeException>(() => DefaultRoles.Get("SUPERUSER"));
    }
}
