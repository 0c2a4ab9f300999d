using System.Net;
using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Webhooks;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Actions;

/// <summary><c>POST /api/v1/actions</c> through HTTP: the callback arrives signed, and bad requests store nothing.</summary>
[Trait("Category", "Integration")]
public sealed class ActionsApiTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private static readonly Dictionary<string, string?> FastWebhooks = new()
    {
        ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8",
        ["Webhooks:BackoffBase"] = "00:00:00.100",
        ["Webhooks:PollInterval"] = "00:00:00.250",
    };

    private static async Task AddBanAsync(ApiFixture fixture, Uri callback)
    {
        await using var db = await fixture.ContextAsync();
        db.Actions.Add(ActionDefinition.CreateCustom(fixture.OrganizationId, "ban", new ActionDefinitionDetails(
            "Ban", null, ["post", "user"], callback.ToString(), [new ActionHeaderInput("X-Platform-Token", "s3cret")],
            """{ "source": "coop" }""", false,
            [new ActionParameter("days", "Days", ActionParameterType.Number, Required: true, Min: 1, Max: 365)]),
            TimeProvider.System.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_action_run_by_the_platform_answers_202_and_its_callback_arrives_signed(DatabaseProvider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fixture = await ApiFixture.StartAsync(provider, FastWebhooks);
        receiver.PublicKeyPem = await fixture.App.Services.GetRequiredService<IWebhookSigner>().GetPublicKeyPemAsync(fixture.OrganizationId);
        await AddBanAsync(fixture, receiver.UrlFor("/hooks/ban"));
        await fixture.AddPolicyAsync("spam", "Spam");
        var moderator = await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, "mod@acme.test", Coop.Domain.Authorization.DefaultRoles.Moderator);
        using (var submit = await fixture.Client.PostAsync("/api/v1/items/async/",
                   """{ "items": [ { "id": "p1", "typeId": "post", "data": { "text": "buy now", "author": { "id": "u1", "typeId": "user" } } } ] }"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        }

        await fixture.WaitForItemAsync("p1");
        using var response = await fixture.Client.PostAsync("/api/v1/actions", $$"""
            { "actionId": "ban", "itemId": "p1", "itemTypeId": "post", "policyIds": ["spam", "gone"],
              "reportedItems": [ { "id": "p0", "typeId": "post" } ], "actorId": "{{moderator}}",
              "parameters": { "days": 7 }, "note": "repeat offender" }
            """);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var delivered = Assert.Single(await receiver.WaitForAsync(1));
        Assert.True(delivered.SignatureValid);
        Assert.Equal("/hooks/ban", delivered.Path);
        Assert.Equal("s3cret", delivered.Headers["X-Platform-Token"]);
        var body = JsonNode.Parse(delivered.Body)!.AsObject();
        Assert.Equal("""{"id":"p1","typeId":"post","typeName":"Post"}""", body["item"]!.ToJsonString());
        Assert.Equal("""[{"id":"spam","name":"Spam","penalty":"MEDIUM"}]""", body["policies"]!.ToJsonString());
        Assert.Equal("[]", body["rules"]!.ToJsonString());
        Assert.Equal("""{"source":"coop","days":7}""", body["custom"]!.ToJsonString());
        Assert.Equal("mod@acme.test", (string)body["actorEmail"]!);
        Assert.Equal("repeat offender", (string)body["actorNote"]!);
        Assert.Equal("""{"id":"u1","typeId":"user"}""", body["creator"]!.ToJsonString());

        await using var db = await fixture.ContextAsync();
        var execution = await db.ActionExecutions.SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal((ActionExecutionSource.PostActions, "ban", "p1", "u1", moderator), (execution.Source, execution.ActionId, execution.ItemId, execution.UserItemId, execution.ActorUserId));
        Assert.Contains("\"p0\"", execution.RelatedItems, StringComparison.Ordinal);
        Assert.NotNull(execution.OutboxMessageId);
        await fixture.WaitUntilAsync(db => db.OutboxMessages.AnyAsync(m => m.Id == execution.OutboxMessageId && m.Status == OutboxStatus.Delivered));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "action.executed" && a.TargetId == "post/p1", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_user_item_is_its_own_creator_and_an_unknown_item_is_still_actioned()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite, FastWebhooks);
        receiver.PublicKeyPem = await fixture.App.Services.GetRequiredService<IWebhookSigner>().GetPublicKeyPemAsync(fixture.OrganizationId);
        await AddBanAsync(fixture, receiver.UrlFor("/hooks/ban"));

        using var response = await fixture.Client.PostAsync("/api/v1/actions", """{ "actionId": "ban", "itemId": "u9", "itemTypeId": "user", "parameters": { "days": 1 } }""");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = JsonNode.Parse(Assert.Single(await receiver.WaitForAsync(1)).Body)!.AsObject();
        Assert.Equal("""{"id":"u9","typeId":"user"}""", body["creator"]!.ToJsonString());
        Assert.False(body.ContainsKey("actorEmail"));
        Assert.Equal("[]", body["policies"]!.ToJsonString());
    }

    [Fact]
    public async Task Each_bad_request_is_400_with_a_pointer_and_stores_nothing()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        await AddBanAsync(fixture, new Uri("https://platform.example/ban"));
        const string good = """{ "actionId": "ban", "itemId": "p1", "itemTypeId": "post", "parameters": { "days": 7 } }""";

        async Task<(HttpStatusCode, string?, string)> Refusal(Action<JsonObject> spoil)
        {
            var body = JsonNode.Parse(good)!.AsObject();
            spoil(body);
            using var response = await fixture.Client.PostAsync("/api/v1/actions", body.ToJsonString());
            var error = await PlatformClient.FirstErrorAsync(response);
            return (response.StatusCode, (string?)error["pointer"], string.Join(' ', error["type"]!.AsArray().Select(t => (string)t!)));
        }

        Assert.Equal((HttpStatusCode.BadRequest, "/actionId", "/errors/invalid-user-input"), await Refusal(b => b.Remove("actionId")));
        Assert.Equal((HttpStatusCode.BadRequest, "/actionId", "/errors/not-found /errors/invalid-user-input"), await Refusal(b => b["actionId"] = "nope"));
        Assert.Equal((HttpStatusCode.BadRequest, "/itemTypeId", "/errors/not-found /errors/invalid-user-input"), await Refusal(b => b["itemTypeId"] = "nope"));
        Assert.Equal((HttpStatusCode.BadRequest, "/itemId", "/errors/invalid-user-input"), await Refusal(b => b["itemId"] = 5));
        Assert.Equal((HttpStatusCode.BadRequest, "/parameters/days", "/errors/invalid-user-input"), await Refusal(b => b["parameters"]!["days"] = 0));
        Assert.Equal((HttpStatusCode.BadRequest, "/parameters/days", "/errors/invalid-user-input"), await Refusal(b => b.Remove("parameters")));
        Assert.Equal((HttpStatusCode.BadRequest, "/parameters/colour", "/errors/invalid-user-input"), await Refusal(b => b["parameters"]!["colour"] = "red"));
        Assert.Equal((HttpStatusCode.BadRequest, "/parameters", "/errors/invalid-user-input"), await Refusal(b => b["parameters"] = "days=7"));
        Assert.Equal((HttpStatusCode.BadRequest, "/note", "/errors/invalid-user-input"), await Refusal(b => b["note"] = new string('x', 5001)));
        Assert.Equal((HttpStatusCode.BadRequest, "/policyIds/0", "/errors/invalid-user-input"), await Refusal(b => b["policyIds"] = new JsonArray(3)));
        Assert.Equal((HttpStatusCode.BadRequest, "/reportedItems/0/typeId", "/errors/not-found /errors/invalid-user-input"),
            await Refusal(b => b["reportedItems"] = JsonNode.Parse("""[ { "id": "x", "typeId": "nope" } ]""")));
        Assert.Equal((HttpStatusCode.BadRequest, "/actorId", "/errors/not-found /errors/invalid-user-input"), await Refusal(b => b["actorId"] = "someone"));
        using (var badKey = await fixture.Client.PostAsync("/api/v1/actions", good, key: "not-a-key"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, badKey.StatusCode);
        }

        await using var db = await fixture.ContextAsync();
        Assert.Equal(0, await db.ActionExecutions.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.OutboxMessages.CountAsync(TestContext.Current.CancellationToken));
    }
}
