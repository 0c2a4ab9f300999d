using System.Text.Json.Nodes;
using Bunit;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.ItemTypes;
using Coop.Domain.Moderation;
using Coop.Domain.Webhooks;
using Coop.Tests.Support;
using Coop.Web.Features.Investigation.Items;
using Coop.Web.Features.Review.Jobs;

namespace Coop.Tests.Components.Investigation;

[Trait("Category", "Component")]
public sealed class InvestigationItemViewTests : CoopComponentTest
{
    private const string Hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";

    private static InvestigationItem HostileItem()
    {
        var display = new ItemDisplay("post", "Post", ItemTypeKind.Content, "p<1>", true,
            [new FieldDisplay("text", new ItemTypeField("text", ScalarType.String, false, null), JsonValue.Create(Hostile)),
             new FieldDisplay("link", new ItemTypeField("link", ScalarType.Url, false, null), JsonValue.Create("javascript:alert(3)"))],
            [new FieldDisplay("extra", null, JsonNode.Parse("""{ "html": "<iframe src=//evil>" }"""))]);
        var now = new DateTime(2026, 3, 1, 12, 0, 0, DateTimeKind.Utc);
        return new InvestigationItem(
            "post", "Post", ItemTypeKind.Content, "p<1>", new ItemIdentifier("<b>u1</b>", "user"), now, now, 1,
            [new ItemVersion(1, now, "items", "original", "v1", display)],
            [new ItemReportRow("r1", "<img src=x onerror=alert(4)>", "user", Hostile, "Spam", false, now, null)],
            [new ItemJobRow("j1", "Reports", QueueKind.Standard, JobStatus.Closed, JobSource.Report, now, now)],
            [new ItemDecisionRow("j1", DecisionKind.Action, "mod@acme.test", ["Remove"], ["Spam"], Hostile, now)],
            [new ItemExecutionRow("e1", "Remove", ActionExecutionSource.ReviewDecision, "mod@acme.test", ["Spam"], "j1", now,
                new ItemDelivery("m1", OutboxStatus.Failed, 1, 500, Hostile, now))],
            [new ItemStrikeRow("user", "<b>u1</b>", "Spam", 2, now, now.AddDays(90), false)],
            [new ItemAppealRow("a1", "<b>u1</b>", "user", Hostile, ["Remove"], now, null)]);
    }

    [Fact]
    public void Hostile_item_content_and_history_render_as_inert_text()
    {
        SignInWith(Permissions.ViewInvestigation, Permissions.ManuallyActionContent, Permissions.ManageOrg);

        var cut = Render<InvestigationItemView>(p => p.Add(x => x.Item, HostileItem()));

        Assert.Empty(cut.FindAll("script"));
        Assert.Empty(cut.FindAll("iframe"));
        Assert.Empty(cut.FindAll("img"));
        Assert.Equal("<b>u1</b>", cut.Find("[data-testid=item-creator-link]").TextContent.Trim());
        Assert.DoesNotContain(cut.FindAll("*"), e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.DoesNotContain(cut.FindAll("a"), a => (a.GetAttribute("href") ?? string.Empty).Contains("javascript:", StringComparison.OrdinalIgnoreCase));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", cut.Markup, StringComparison.Ordinal);
        Assert.Equal("/users/user/%3Cb%3Eu1%3C%2Fb%3E", cut.Find("[data-testid=item-creator-link]").GetAttribute("href"));
        Assert.Equal("/actions/run?itemTypeId=post&itemId=p%3C1%3E", cut.Find("[data-testid=item-run-action]").GetAttribute("href"));
        Assert.Equal("Failed", cut.Find("[data-testid=delivery-status]").GetAttribute("data-status"));
        Assert.Equal("/review/jobs/j1", cut.Find("[data-testid=item-job-link]").GetAttribute("href"));
    }

    [Fact]
    public void Run_an_action_and_the_delivery_log_are_offered_only_to_those_allowed_to_use_them()
    {
        SignInWith(Permissions.ViewInvestigation);

        var cut = Render<InvestigationItemView>(p => p.Add(x => x.Item, HostileItem()));

        Assert.Empty(cut.FindAll("[data-testid=item-run-action]"));
        Assert.Empty(cut.FindAll("[data-testid=item-deliveries-link]"));
        Assert.Single(cut.FindAll("[data-testid=item-version]"));
    }
}
