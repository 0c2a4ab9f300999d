using Coop.Domain.Authorization;

namespace Coop.Tests.Unit.Authorization;

[Trait("Category", "Unit")]
public sealed class PermissionCatalogueTests
{
    [Fact]
    public void Catalogue_has_coop_1_0s_seventeen_permissions_each_once()
    {
        string[] coop =
        [
            "MANAGE_ORG", "MANAGE_USERS", "MANAGE_ROLES", "MUTATE_NON_LIVE_RULES", "MUTATE_LIVE_RULES", "RUN_BACKTEST",
            "RUN_RETROACTION", "VIEW_INSIGHTS", "VIEW_RULES_DASHBOARD", "MANAGE_POLICIES", "VIEW_MRT", "VIEW_MRT_DATA",
            "EDIT_MRT_QUEUES", "MANAGE_ROUTING_RULES", "MANUALLY_ACTION_CONTENT", "VIEW_CHILD_SAFETY_DATA", "VIEW_INVESTIGATION",
        ];

        Assert.Equal(coop.Order(), Permissions.All.Order());
        Assert.Equal(Permissions.All.Count, Permissions.All.Distinct().Count());
    }

    [Fact]
    public void Permissions_are_grouped_by_the_five_areas()
    {
        Assert.Equal(
            ["Organization management", "Rules", "Manual review", "Investigation", "Child safety"],
            Permissions.Groups.Select(g => g.Name));
        Assert.Contains(Permissions.Groups.Single(g => g.Name == "Child safety").Permissions, p => p.Key == Permissions.ViewChildSafetyData);
        Assert.All(Permissions.Groups.SelectMany(g => g.Permissions), p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.Label));
            Assert.False(string.IsNullOrWhiteSpace(p.Description));
        });
    }

    [Fact]
    public void Describe_refuses_an_unknown_permission()
    {
        Assert.True(Permissions.IsKnown("VIEW_MRT"));
        Assert.False(Permissions.IsKnown("view_mrt"));
        Assert.Throws<ArgumentOutOfRangeException>(() => Permissions.Describe("DELETE_EVERYTHING"));
    }
}
