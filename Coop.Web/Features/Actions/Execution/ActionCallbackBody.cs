using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Policies;

namespace Coop.Web.Features.Actions.Execution;

/// <summary>
/// The body of Coop's action callback, built once and stored in the outbox so the bytes signed and sent are the
/// bytes recorded: <c>item, action, policies, rules, custom</c>, then <c>actorEmail, actorNote, creator,
/// decisionReason, userStrikeCount</c> when they apply.
/// </summary>
public static class ActionCallbackBody
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };

    public static string Build(ActionPublication publication, ActionInvocation invocation)
    {
        ArgumentNullException.ThrowIfNull(publication);
        ArgumentNullException.ThrowIfNull(invocation);
        var target = publication.Target;
        var body = new JsonObject
        {
            ["item"] = new JsonObject { ["id"] = target.Item.Id, ["typeId"] = target.Item.TypeId, ["typeName"] = target.TypeName },
            ["action"] = new JsonObject { ["id"] = invocation.Action.Id },
            ["policies"] = new JsonArray([.. publication.Policies.Select(p => (JsonNode)new JsonObject
            {
                ["id"] = p.Id,
                ["name"] = p.Name,
                ["penalty"] = p.Penalty.ToWireName(),
            })]),
            ["rules"] = new JsonArray([.. publication.Rules.Select(r => (JsonNode)new JsonObject { ["id"] = r.Id, ["name"] = r.Name })]),
            ["custom"] = Custom(invocation, publication.CustomExtras),
        };
        if (publication.ActorEmail is { Length: > 0 } email)
        {
            body["actorEmail"] = email;
        }

        if (publication.ActorNote is { Length: > 0 } note)
        {
            body["actorNote"] = note;
        }

        if (target.Creator is { } creator)
        {
            body["creator"] = new JsonObject { ["id"] = creator.Id, ["typeId"] = creator.TypeId };
        }

        if (publication.DecisionReason is { Length: > 0 } reason)
        {
            body["decisionReason"] = reason;
        }

        if (publication.UserStrikeCount is { } strikes)
        {
            body["userStrikeCount"] = strikes;
        }

        return body.ToJsonString(Compact);
    }

    /// <summary>The action's static body, then parameter values (defaults for those not given), then the event's extras.</summary>
    public static JsonObject Custom(ActionInvocation invocation, JsonObject? extras = null)
    {
        ArgumentNullException.ThrowIfNull(invocation);
        var custom = invocation.Action.CustomBody is { Length: > 0 } staticBody && JsonNode.Parse(staticBody) is JsonObject parsed
            ? parsed
            : [];
        foreach (var parameter in invocation.Action.Parameters)
        {
            var value = invocation.Parameters?[parameter.Name] ?? DefaultValue(parameter);
            if (value is not null)
            {
                custom[parameter.Name] = value.DeepClone();
            }
        }

        foreach (var (name, value) in extras ?? [])
        {
            custom[name] = value?.DeepClone();
        }

        return custom;
    }

    private static JsonNode? DefaultValue(ActionParameter parameter) => parameter.DefaultValue?.DeepClone();
}
