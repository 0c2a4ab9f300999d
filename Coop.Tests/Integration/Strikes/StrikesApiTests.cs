using System.Net;
using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.ItemTypes;
using Coop.Domain.Policies;
using Coop.Domain.Strikes;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Webhooks;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Web.Features.Strikes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Strikes;

/// <summary>Strikes added by strike-enabled actions, the callback's <c>userStrikeCount</c>, and <c>GET /api/v1/user_scores</c>.</summary>
[Trait("Category", "Integration")]
public sealed class StrikesApiTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_strike_enabled_action_adds_the_heaviest_policys_weight_to_the_author_and_the_score_follows(DatabaseProvider provider)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fixture = await ApiFixture.StartAsync(provider, new() { ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8", ["Webhooks:PollInterval"] = "00:00:00.250" });
        receiver.PublicKeyPem = await fixture.App.Services.GetRequiredService<IWebhookSigner>().GetPublicKeyPemAsync(fixture.OrganizationId);
        await using (var db = await fixture.ContextAsync())
        {
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            db.Actions.Add(ActionDefinition.CreateCustom(fixture.OrganizationId, "remove", new ActionDefinitionDetails(
                "Remove", null, [], receiver.UrlFor("/remove").ToString(), [], null, ApplyUserStrikes: true), now));
            db.Actions.Add(ActionDefinition.CreateCustom(fixture.OrganizationId, "label", new ActionDefinitionDetails(
                "Label", null, [], receiver.UrlFor("/label").ToString(), [], null, ApplyUserStrikes: false), now));
            db.Policies.Add(Policy.Create(fixture.OrganizationId, "spam", new PolicyDetails("Spam", null, null, null, Penalty.Low, 1, false), now));
            db.Policies.Add(Policy.Create(fixture.OrganizationId, "scam", new PolicyDetails("Scam", null, null, null, Penalty.High, 2, false), now));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        using (var submit = await fixture.Client.PostAsync("/api/v1/items/async/",
                   """{ "items": [ { "id": "p1", "typeId": "post", "data": { "text": "send me gift cards", "author": { "id": "u1", "typeId": "user" } } } ] }"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        }

        await fixture.WaitForItemAsync("p1");
        Assert.Equal(5, await ScoreAsync(fixture, "u1"));

        await RunAsync(fixture, """{ "actionId": "remove", "itemId": "p1", "itemTypeId": "post", "policyIds": ["spam", "scam"] }""");
        await RunAsync(fixture, """{ "actionId": "label", "itemId": "p1", "itemTypeId": "post", "policyIds": ["scam"] }""");
        await RunAsync(fixture, """{ "actionId": "remove", "itemId": "u1", "itemTypeId": "user", "policyIds": ["scam"] }""");

        var calls = await receiver.WaitForAsync(3);
        var counts = calls.Select(c => JsonNode.Parse(c.Body)!.AsObject())
            .Select(b => ((string)b["action"]!["id"]!, (string)b["item"]!["id"]!, (int)b["userStrikeCount"]!))
            .OrderBy(c => c.Item3).ThenBy(c => c.Item1, StringComparer.Ordinal).ToList(); // callbacks are delivered concurrently: arrival order is not fixed
        Assert.Equal([("label", "p1", 2), ("remove", "p1", 2), ("remove", "u1", 4)], counts);
        Assert.Equal(2, await ScoreAsync(fixture, "u1"));
        Assert.Equal(5, await ScoreAsync(fixture, "someone-else"));
    }

    [Fact]
    public async Task Crossing_a_threshold_fires_only_the_highest_crossed_thresholds_actions_once_without_policies_or_actor()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite, new() { ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8", ["Webhooks:PollInterval"] = "00:00:00.250" });
        receiver.PublicKeyPem = await fixture.App.Services.GetRequiredService<IWebhookSigner>().GetPublicKeyPemAsync(fixture.OrganizationId);
        await using (var db = await fixture.ContextAsync())
        {
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            db.Actions.Add(ActionDefinition.CreateCustom(fixture.OrganizationId, "remove", new ActionDefinitionDetails(
                "Remove", null, [], receiver.UrlFor("/remove").ToString(), [], null, ApplyUserStrikes: true), now));
            db.Actions.Add(ActionDefinition.CreateCustom(fixture.OrganizationId, "suspend", new ActionDefinitionDetails(
                "Suspend", null, [], receiver.UrlFor("/suspend").ToString(), [], null, ApplyUserStrikes: true,
                [new ActionParameter("days", "Days", ActionParameterType.Number)]), now));
            db.Actions.Add(ActionDefinition.CreateCustom(fixture.OrganizationId, "ban", new ActionDefinitionDetails(
                "Ban", null, [], receiver.UrlFor("/ban").ToString(), [], null, ApplyUserStrikes: false), now));
            db.Policies.Add(Policy.Create(fixture.OrganizationId, "scam", new PolicyDetails("Scam", null, null, null, Penalty.High, 2, false), now));
            db.Policies.Add(Policy.Create(fixture.OrganizationId, "csam", new PolicyDetails("Severe", null, null, null, Penalty.Severe, 10, false), now));
            db.StrikeThresholds.Add(StrikeThreshold.Create(fixture.OrganizationId, 3, """["suspend"]""", """{ "suspend": { "days": 7 } }"""));
            db.StrikeThresholds.Add(StrikeThreshold.Create(fixture.OrganizationId, 5, """["ban"]"""));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        async Task<IReadOnlyList<(string Path, JsonObject Body)>> RunAndCollectAsync(string policy, int expected)
        {
            var before = receiver.Requests.Count;
            await RunAsync(fixture, $$"""{ "actionId": "remove", "itemId": "u1", "itemTypeId": "user", "policyIds": ["{{policy}}"] }""");
            var all = await receiver.WaitForAsync(before + expected);
            await Task.Delay(300, TestContext.Current.CancellationToken);
            Assert.Equal(before + expected, receiver.Requests.Count);
            return [.. receiver.Requests.Skip(before).Select(r => (r.Path, JsonNode.Parse(r.Body)!.AsObject()))];
        }

        Assert.Equal(["/remove"], (await RunAndCollectAsync("scam", 1)).Select(c => c.Path));
        var second = await RunAndCollectAsync("scam", 2);
        var suspend = second.Single(c => c.Path == "/suspend").Body;
        Assert.Equal("[]", suspend["policies"]!.ToJsonString());
        Assert.Equal("[]", suspend["rules"]!.ToJsonString());
        Assert.False(suspend.ContainsKey("actorEmail"));
        Assert.Equal(4, (int)suspend["userStrikeCount"]!);
        Assert.Equal("""{"days":7}""", suspend["custom"]!.ToJsonString());
        Assert.Equal(["/ban", "/remove"], (await RunAndCollectAsync("scam", 2)).Select(c => c.Path).Order(StringComparer.Ordinal));
        Assert.Equal(["/remove"], (await RunAndCollectAsync("scam", 1)).Select(c => c.Path));

        await using var read = await fixture.ContextAsync();
        Assert.Equal(8, await StrikeLedger.ActiveTotalAsync(read, fixture.OrganizationId, new ItemIdentifier("u1", "user"), TimeProvider.System.GetUtcNow().UtcDateTime, TestContext.Current.CancellationToken));
        Assert.Equal(2, await read.ActionExecutions.CountAsync(e => e.Source == ActionExecutionSource.StrikeThreshold, TestContext.Current.CancellationToken));
    }

    [Fact]
    public void One_event_crossing_several_thresholds_fires_only_the_highest()
    {
        StrikeThreshold[] thresholds = [StrikeThreshold.Create("org", 3, "[]"), StrikeThreshold.Create("org", 5, "[]"), StrikeThreshold.Create("org", 9, "[]")];

        Assert.Equal(5, StrikeThreshold.Crossed(thresholds, 0, 6)!.Threshold);
        Assert.Equal(3, StrikeThreshold.Crossed(thresholds, 2, 3)!.Threshold);
        Assert.Null(StrikeThreshold.Crossed(thresholds, 3, 4));
        Assert.Null(StrikeThreshold.Crossed(thresholds, 9, 20));
    }

    [Fact]
    public async Task The_score_is_exact_at_any_moment_because_expired_strikes_stop_counting_when_they_expire()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        var user = new ItemIdentifier("u1", "user");
        var now = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc);
        await using (var db = await fixture.ContextAsync())
        {
            var total = await StrikeLedger.ApplyAsync(db, fixture.OrganizationId, user, ("spam", 3), "c1", now, TestContext.Current.CancellationToken);
            Assert.Equal(3, total);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await using var read = await fixture.ContextAsync();
        Assert.Equal(3, await StrikeLedger.ActiveTotalAsync(read, fixture.OrganizationId, user, now.AddDays(89), TestContext.Current.CancellationToken));
        Assert.Equal(0, await StrikeLedger.ActiveTotalAsync(read, fixture.OrganizationId, user, now.AddDays(90), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_score_request_without_a_user_or_for_a_non_user_type_is_400_with_a_pointer()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);

        async Task<string?> PointerAsync(string query)
        {
            using var response = await fixture.Client.GetAsync("/api/v1/user_scores" + query);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (string?)(await PlatformClient.FirstErrorAsync(response))["pointer"];
        }

        Assert.Equal("/id", await PointerAsync("?typeId=user"));
        Assert.Equal("/typeId", await PointerAsync("?id=u1"));
        Assert.Equal("/typeId", await PointerAsync("?id=u1&typeId=nope"));
        Assert.Equal("/typeId", await PointerAsync("?id=p1&typeId=post"));
        using var unauthorized = await fixture.Client.GetAsync("/api/v1/user_scores?id=u1&typeId=user", key: "wrong");
        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        using var missingKey = await fixture.Client.GetAsync("/api/v1/user_scores", key: string.Empty);
        Assert.Equal(HttpStatusCode.Unauthorized, missingKey.StatusCode);
    }

    private static async Task RunAsync(ApiFixture fixture, string body)
    {
        using var response = await fixture.Client.PostAsync("/api/v1/actions", body);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task<int> ScoreAsync(ApiFixture fixture, string userId)
    {
        using var response = await fixture.Client.GetAsync($"/api/v1/user_scores?id={userId}&typeId=user");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return int.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture);
    }
}
