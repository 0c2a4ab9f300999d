using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.ItemTypes;
using Coop.Domain.Policies;
using Coop.Web.Features.Actions.Execution;

namespace Coop.Tests.Unit.Actions;

[Trait("Category", "Unit")]
public sealed class ActionCallbackBodyTests
{
    private static readonly DateTime Now = new(2026, 11, 24, 12, 0, 0, DateTimeKind.Utc);

    private static ActionDefinition Action(string? body = null, IReadOnlyList<ActionParameter>? parameters = null) =>
        ActionDefinition.CreateCustom("org", "ban", new ActionDefinitionDetails(
            "Ban", null, [], "https://platform.example/ban", [], body, false, parameters), Now);

    private static ActionTarget Post(ItemIdentifier? creator = null) =>
        new(new ItemIdentifier("p1", "post"), "Post", ItemTypeKind.Content, creator);

    [Fact]
    public void A_moderators_action_carries_every_field_of_Coops_callback_in_order()
    {
        var publication = new ActionPublication("org", Post(new ItemIdentifier("u1", "user")), [], ActionExecutionSource.ReviewDecision, "c1")
        {
            Policies = [new PolicyReference("spam", "Spam", Penalty.High)],
            ActorEmail = "mod@example.com",
            ActorNote = "obvious",
            DecisionReason = "ads",
            UserStrikeCount = 3,
        };

        var json = ActionCallbackBody.Build(publication, new ActionInvocation(Action()));

        var body = JsonNode.Parse(json)!.AsObject();
        Assert.Equal(
            ["item", "action", "policies", "rules", "custom", "actorEmail", "actorNote", "creator", "decisionReason", "userStrikeCount"],
            body.Select(p => p.Key));
        Assert.Equal("""{"id":"p1","typeId":"post","typeName":"Post"}""", body["item"]!.ToJsonString());
        Assert.Equal("""{"id":"ban"}""", body["action"]!.ToJsonString());
        Assert.Equal("""[{"id":"spam","name":"Spam","penalty":"HIGH"}]""", body["policies"]!.ToJsonString());
        Assert.Equal("[]", body["rules"]!.ToJsonString());
        Assert.Equal("""{"id":"u1","typeId":"user"}""", body["creator"]!.ToJsonString());
        Assert.Equal(3, (int)body["userStrikeCount"]!);
    }

    [Fact]
    public void Automation_without_actor_note_creator_or_strikes_leaves_those_fields_out()
    {
        var publication = new ActionPublication("org", Post(), [], ActionExecutionSource.Rule, "c1")
        {
            Rules = [new RuleReference("r1", "Spam detector")],
        };

        var body = JsonNode.Parse(ActionCallbackBody.Build(publication, new ActionInvocation(Action())))!.AsObject();

        Assert.Equal(["item", "action", "policies", "rules", "custom"], body.Select(p => p.Key));
        Assert.Equal("""[{"id":"r1","name":"Spam detector"}]""", body["rules"]!.ToJsonString());
        Assert.Equal("{}", body["custom"]!.ToJsonString());
    }

    [Fact]
    public void Custom_merges_the_static_body_then_parameter_values_and_defaults_then_the_events_extras()
    {
        var action = Action("""{ "source": "coop", "days": 1, "reason": "static" }""",
        [
            new ActionParameter("days", "Days", ActionParameterType.Number),
            new ActionParameter("notify", "Notify", ActionParameterType.Boolean, DefaultValue: JsonValue.Create(true)),
            new ActionParameter("label", "Label", ActionParameterType.String),
        ]);

        var custom = ActionCallbackBody.Custom(
            new ActionInvocation(action, new JsonObject { ["days"] = 7 }),
            new JsonObject { ["reason"] = "reported twice" });

        Assert.Equal("""{"source":"coop","days":7,"reason":"reported twice","notify":true}""", custom.ToJsonString());
    }
}
