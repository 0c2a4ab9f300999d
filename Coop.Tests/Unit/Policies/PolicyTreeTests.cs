using Coop.Domain.Policies;

namespace Coop.Tests.Unit.Policies;

[Trait("Category", "Unit")]
public sealed class PolicyTreeTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);

    private static PolicyDetails Details(string name, string? parent = null, int strikes = 1, bool apply = false, Penalty penalty = Penalty.None) =>
        new(name, parent, null, null, penalty, strikes, apply);

    [Fact]
    public void A_policy_cannot_move_under_itself_or_a_descendant()
    {
        var root = Policy.Create("org", "root", Details("Root"), Now);
        var child = Policy.Create("org", "child", Details("Child", "root"), Now);
        var grandchild = Policy.Create("org", "grand", Details("Grand", "child"), Now);
        var tree = new PolicyTree([root, child, grandchild]);

        Assert.True(tree.WouldCreateCycle("root", "grand"));
        Assert.True(tree.WouldCreateCycle("root", "root"));
        Assert.False(tree.WouldCreateCycle("grand", "root"));
        Assert.Contains("ParentId", tree.Validate("root", Details("Root", "grand")).Keys);
        Assert.Empty(tree.Validate("grand", Details("Grand", "root")));
    }

    [Fact]
    public void Parents_must_exist_in_the_organization_and_names_are_unique_ignoring_case()
    {
        var tree = new PolicyTree([Policy.Create("org", "spam", Details("Spam"), Now)]);

        Assert.Contains("ParentId", tree.Validate(null, Details("Scam", "elsewhere")).Keys);
        Assert.Contains("Name", tree.Validate(null, Details("SPAM")).Keys);
        Assert.Empty(tree.Validate("spam", Details("SPAM")));
    }

    [Theory]
    [InlineData("", 1, "Name")]
    [InlineData("Ok", -1, "UserStrikeCount")]
    public void Field_rules_are_enforced(string name, int strikes, string field) =>
        Assert.Contains(field, Policy.Validate(Details(name, strikes: strikes)).Keys);

    [Theory]
    [InlineData("NONE", Penalty.None)]
    [InlineData("severe", Penalty.Severe)]
    [InlineData("MEDIUM", Penalty.Medium)]
    public void Penalties_use_coops_wire_names(string wire, Penalty expected)
    {
        Assert.True(PenaltyNames.TryParse(wire, out var penalty));
        Assert.Equal(expected, penalty);
        Assert.Equal(wire.ToUpperInvariant(), penalty.ToWireName());
        Assert.False(PenaltyNames.TryParse("EXTREME", out _));
    }

    [Fact]
    public void The_highest_ancestor_applying_its_weight_sets_every_descendant()
    {
        var root = Policy.Create("org", "root", Details("Root", strikes: 5, apply: true), Now);
        var middle = Policy.Create("org", "mid", Details("Middle", "root", strikes: 2, apply: true), Now);
        var leaf = Policy.Create("org", "leaf", Details("Leaf", "mid", strikes: 1), Now);
        var free = Policy.Create("org", "free", Details("Free", strikes: 3), Now);
        var tree = new PolicyTree([root, middle, leaf, free]);

        var changed = tree.ApplyStrikeInheritance(Now.AddMinutes(1));

        Assert.Equal(["leaf", "mid"], changed.Select(p => p.Id).Order());
        Assert.Equal(5, middle.UserStrikeCount);
        Assert.Equal(5, leaf.UserStrikeCount);
        Assert.Equal(3, free.UserStrikeCount);
        Assert.Equal("Root", tree.StrikeWeightSource("leaf")?.Name);
        Assert.Equal(5, tree.InheritedStrikeCountUnder("mid"));
        Assert.Null(tree.InheritedStrikeCountUnder("free"));
        Assert.True(leaf.Version > Now);
    }

    [Fact]
    public void Turning_the_flag_off_leaves_sub_policies_with_their_weights()
    {
        var root = Policy.Create("org", "root", Details("Root", strikes: 4, apply: true), Now);
        var child = Policy.Create("org", "child", Details("Child", "root", strikes: 4), Now);
        var tree = new PolicyTree([root, child]);

        root.Update(Details("Root", strikes: 9, apply: false), Now.AddMinutes(1));

        Assert.Empty(tree.ApplyStrikeInheritance(Now.AddMinutes(1)));
        Assert.Equal(4, child.UserStrikeCount);
    }

    [Fact]
    public void An_unchanged_update_keeps_the_version_and_a_change_moves_it_forward_even_in_the_same_tick()
    {
        var policy = Policy.Create("org", "p", Details("Spam"), Now);
        var version = policy.Version;

        Assert.False(policy.Update(Details(" Spam "), Now.AddMinutes(1)));
        Assert.Equal(version, policy.Version);
        Assert.True(policy.Update(Details("Spam", penalty: Penalty.High), Now));
        Assert.True(policy.Version > version);
    }

    [Fact]
    public void Deleting_a_parent_can_lift_its_children_to_its_parent()
    {
        var root = Policy.Create("org", "root", Details("Root"), Now);
        var mid = Policy.Create("org", "mid", Details("Mid", "root"), Now);
        var leaf = Policy.Create("org", "leaf", Details("Leaf", "mid"), Now);
        var tree = new PolicyTree([root, mid, leaf]);

        var moved = tree.LiftChildrenOf("mid", Now);

        Assert.Equal([leaf], moved);
        Assert.Equal("root", leaf.ParentId);
    }
}
