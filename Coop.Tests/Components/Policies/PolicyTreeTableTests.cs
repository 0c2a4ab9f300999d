using Bunit;
using Coop.Domain.Policies;
using Coop.Tests.Support;
using Coop.Web.Features.Policies;

namespace Coop.Tests.Components.Policies;

[Trait("Category", "Component")]
public sealed class PolicyTreeTableTests : CoopComponentTest
{
    private static PolicyView View(string id, string name, string? parent, Penalty penalty, int strikes, bool apply = false, string? inherited = null) =>
        new(id, name, parent, null, null, penalty, strikes, apply, inherited, default);

    [Fact]
    public void Sub_policies_are_indented_under_their_parent_with_penalty_and_strike_weight()
    {
        var child = new PolicyNode(View("c", "Threats", "r", Penalty.High, 3, inherited: "Harassment"), [], 1);
        var root = new PolicyNode(View("r", "Harassment", null, Penalty.Severe, 3, apply: true), [child], 0);
        var spam = new PolicyNode(View("s", "Spam", null, Penalty.Low, 1), [], 0);
        PolicyView? edited = null;

        var cut = Render<PolicyTreeTable>(p => p
            .Add(x => x.Nodes, [root, spam])
            .Add(x => x.OnEdit, v => edited = v));

        var rows = cut.FindAll("tr[data-testid^=policy-row-]");
        Assert.Equal(["policy-row-r", "policy-row-c", "policy-row-s"], rows.Select(r => r.GetAttribute("data-testid")));
        Assert.Equal("1", rows[1].GetAttribute("data-depth"));
        Assert.Equal("SEVERE", cut.Find("[data-testid=policy-penalty-r]").TextContent.Trim());
        Assert.Equal("HIGH", cut.Find("[data-testid=policy-penalty-c]").TextContent.Trim());
        Assert.Contains("applies to sub-policies", cut.Find("[data-testid=policy-strikes-r]").TextContent, StringComparison.Ordinal);
        Assert.StartsWith("3", cut.Find("[data-testid=policy-strikes-c]").TextContent.Trim(), StringComparison.Ordinal);

        cut.Find("[data-testid=policy-edit-c]").Click();
        Assert.Equal("c", edited?.Id);
    }

    [Fact]
    public void Policy_text_is_rendered_as_text_not_markup()
    {
        var node = new PolicyNode(View("x", "<img src=x onerror=alert(1)>", null, Penalty.None, 1), [], 0);

        var cut = Render<PolicyTreeTable>(p => p.Add(x => x.Nodes, [node]));

        Assert.Empty(cut.FindAll("img"));
        Assert.Contains("<img src=x onerror=alert(1)>", cut.Find("[data-testid=policy-name-x]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_tree_invites_the_first_policy() =>
        Assert.NotNull(Render<PolicyTreeTable>(p => p.Add(x => x.Nodes, [])).Find("[data-testid=policies-empty]"));
}
