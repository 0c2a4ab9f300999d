using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.Actions;

namespace Coop.Tests.Unit.Actions;

[Trait("Category", "Unit")]
public sealed class ActionParameterTests
{
    private static readonly ActionParameter[] Spec =
    [
        new("reason", "Reason", ActionParameterType.String, Required: true, MaxLength: 10),
        new("days", "Days", ActionParameterType.Number, Min: 1, Max: 30),
        new("notify", "Notify user", ActionParameterType.Boolean),
        new("severity", "Severity", ActionParameterType.Select, Options: [new("low", "Low"), new("high", "High")]),
        new("surfaces", "Surfaces", ActionParameterType.Multiselect, Options: [new("feed", "Feed"), new("search", "Search")]),
    ];

    [Fact]
    public void A_well_formed_spec_passes_and_bad_specs_are_explained()
    {
        Assert.Empty(ActionParameters.SpecErrors(Spec));
        Assert.Contains(ActionParameters.SpecErrors([new("bad name", "X", ActionParameterType.String)]), e => e.Contains("not a parameter name", StringComparison.Ordinal));
        Assert.Contains(ActionParameters.SpecErrors([new("pick", "Pick", ActionParameterType.Select)]), e => e.Contains("1 to 100 options", StringComparison.Ordinal));
        Assert.Contains(ActionParameters.SpecErrors([new("a", "A", ActionParameterType.Boolean), new("a", "B", ActionParameterType.Boolean)]), e => e.Contains("twice", StringComparison.Ordinal));
        Assert.Contains(ActionParameters.SpecErrors([new("n", "N", ActionParameterType.Number, Min: 5, Max: 1)]), e => e.Contains("minimum is above", StringComparison.Ordinal));
        Assert.Contains(ActionParameters.SpecErrors([new("n", "N", ActionParameterType.Number, DefaultValue: JsonValue.Create("x"))]), e => e.Contains("default", StringComparison.Ordinal));
    }

    [Fact]
    public void Values_are_checked_against_the_spec()
    {
        var good = JsonNode.Parse("""{ "reason": "spam", "days": 7, "notify": true, "severity": "high", "surfaces": ["feed"] }""")!.AsObject();
        var bad = JsonNode.Parse("""{ "reason": "far too long a reason", "days": 90, "notify": "yes", "severity": "extreme", "surfaces": ["moon"], "extra": 1 }""")!.AsObject();

        Assert.Empty(ActionParameters.ValueErrors(Spec, good));
        Assert.Equal(["days", "extra", "notify", "reason", "severity", "surfaces"], ActionParameters.ValueErrors(Spec, bad).Keys.Order());
        Assert.Equal("A value is required.", ActionParameters.ValueErrors(Spec, new JsonObject())["reason"]);
    }

    [Fact]
    public void Types_use_coops_wire_names_in_json()
    {
        var json = JsonSerializer.Serialize(Spec[4]);

        Assert.Contains("\"MULTISELECT\"", json, StringComparison.Ordinal);
        Assert.Equal(ActionParameterType.Multiselect, JsonSerializer.Deserialize<ActionParameter>(json)!.Type);
        Assert.True(ActionParameters.TryParseType("string", out var type));
        Assert.Equal(ActionParameterType.String, type);
    }

    [Fact]
    public void Actions_keep_their_parameter_spec_and_built_ins_take_none()
    {
        var now = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        var details = new ActionDefinitionDetails("Suspend", null, [], "https://platform.example/s", [], null, false, Spec);
        var action = ActionDefinition.CreateCustom("org", null, details, now);

        Assert.Equal(Spec.Select(p => p.Name), action.Parameters.Select(p => p.Name));
        Assert.False(action.Update(details with { Parameters = null }, now.AddMinutes(1)));
        Assert.Contains("CallbackUrl", ActionDefinition.Validate(ActionType.EnqueueToMrt, new("Enqueue", null, [], null, [], null, false, Spec)).Keys);
    }
}
