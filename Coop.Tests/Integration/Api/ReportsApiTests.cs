using System.Net;
using System.Text.Json.Nodes;
using Coop.Domain.Items;
using Coop.Domain.Reports;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Microsoft.EntityFrameworkCore;

namespace Coop.Tests.Integration.Api;

/// <summary><c>POST /api/v1/report</c>, <c>POST /api/v1/report/appeal</c> and <c>GET /api/v1/policies/</c> through HTTP.</summary>
[Trait("Category", "Integration")]
public sealed class ReportsApiTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    private const string Report = """
        {
          "reporter": { "kind": "user", "id": "u2", "typeId": "user" },
          "reportedAt": "2024-01-15T10:30:00.000Z",
          "reportedForReason": { "policyId": "spam", "reason": "ads everywhere", "csam": false },
          "reportedItem": { "id": "p1", "typeId": "post", "data": { "text": "buy now", "author": { "id": "u1", "typeId": "user" } } },
          "reportedItemThread": [ { "id": "p0", "typeId": "post", "data": { "score": 3 } }, { "id": "p2", "typeId": "post", "data": { "text": "reply" } } ],
          "reportedItemsInThread": [ { "id": "p2", "typeId": "post" } ],
          "additionalItems": [ { "id": "p9", "typeId": "post", "data": {} } ]
        }
        """;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_report_is_stored_with_its_context_and_answers_201_with_its_id(DatabaseProvider provider)
    {
        await using var fixture = await ApiFixture.StartAsync(provider);
        await fixture.AddPolicyAsync("spam", "Spam");

        using var response = await fixture.Client.PostAsync("/api/v1/report", Report);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var reportId = (string)JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["reportId"]!;
        Assert.True(Guid.TryParse(reportId, out _));
        await using var db = await fixture.ContextAsync();
        var report = await db.Set<Report>().Include(r => r.Context).ThenInclude(c => c.Submission)
            .SingleAsync(r => r.Id == reportId, TestContext.Current.CancellationToken);
        Assert.Equal(("u2", "user"), (report.ReporterId, report.ReporterTypeId));
        Assert.Equal(("p1", "post", "spam", "ads everywhere", false), (report.ItemId, report.ItemTypeId, report.PolicyId, report.Reason, report.IsCsam));
        Assert.Equal(new DateTime(2024, 1, 15, 10, 30, 0, DateTimeKind.Utc), report.ReportedAt);
        var context = report.Context.OrderBy(c => c.Role).ThenBy(c => c.Position).Select(c => (c.Role, c.Submission.ItemId)).ToList();
        Assert.Equal([(ContextItemRole.Subject, "p1"), (ContextItemRole.Thread, "p0"), (ContextItemRole.Thread, "p2"), (ContextItemRole.Additional, "p9")], context);
        Assert.Equal("u1", report.Context.Single(c => c.Role == ContextItemRole.Subject).Submission.CreatorId);
        Assert.Contains("\"p2\"", report.ReportedItemsInThread, StringComparison.Ordinal);
        Assert.All(report.Context, c => Assert.Equal("report", c.Submission.Source));
    }

    [Fact]
    public async Task A_bad_report_is_400_with_pointers_and_stores_nothing()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        var body = JsonNode.Parse(Report)!.AsObject();

        async Task<string> PointerFor(Action<JsonObject> spoil)
        {
            var copy = JsonNode.Parse(body.ToJsonString())!.AsObject();
            spoil(copy);
            using var response = await fixture.Client.PostAsync("/api/v1/report", copy.ToJsonString());
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return (string)(await PlatformClient.FirstErrorAsync(response))["pointer"]!;
        }

        Assert.Equal("/reporter", await PointerFor(b => b.Remove("reporter")));
        Assert.Equal("/reporter/kind", await PointerFor(b => b["reporter"]!["kind"] = "bot"));
        Assert.Equal("/reportedAt", await PointerFor(b => b["reportedAt"] = "yesterday"));
        Assert.Equal("/reportedItem/data/text", await PointerFor(b => b["reportedItem"]!["data"]!.AsObject().Remove("text")));
        Assert.Equal("/reportedItem/typeId", await PointerFor(b => b["reportedItem"]!["typeId"] = "nope"));
        Assert.Equal("/reportedItemThread/1/data/score", await PointerFor(b => b["reportedItemThread"]![1]!["data"]!["score"] = "lots"));
        Assert.Equal("/reportedForReason/policyId", await PointerFor(_ => { }));
        await using var db = await fixture.ContextAsync();
        Assert.Equal(0, await db.Set<Report>().CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(0, await db.Set<ItemSubmission>().CountAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task An_appeal_of_existing_actions_answers_204_and_is_stored(DatabaseProvider provider)
    {
        await using var fixture = await ApiFixture.StartAsync(provider);
        await fixture.AddActionAsync("ban", "Ban");
        await fixture.AddPolicyAsync("spam", "Spam");

        using var response = await fixture.Client.PostAsync("/api/v1/report/appeal", """
            { "appealId": "a-77", "appealedBy": { "id": "u1", "typeId": "user" }, "appealedAt": "2024-01-15T12:00:00Z",
              "actionedItem": { "id": "p1", "typeId": "post", "data": { "text": "buy now" } },
              "actionsTaken": ["ban"], "appealReason": "it was a joke", "violatingPolicies": [ { "id": "spam" } ],
              "additionalItems": [ { "id": "p3", "typeId": "post", "data": {} } ] }
            """);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        await using var db = await fixture.ContextAsync();
        var appeal = await db.Set<Appeal>().Include(a => a.Context).ThenInclude(c => c.Submission).SingleAsync(TestContext.Current.CancellationToken);
        Assert.Equal(("a-77", "u1", "p1", "it was a joke"), (appeal.AppealId, appeal.AppealedById, appeal.ItemId, appeal.AppealReason));
        Assert.Equal("[\"ban\"]", appeal.ActionsTaken);
        Assert.Equal("[\"spam\"]", appeal.ViolatingPolicyIds);
        Assert.Equal(2, appeal.Context.Count);
    }

    [Fact]
    public async Task An_appeal_naming_unknown_actions_or_policies_is_400_and_stores_nothing()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        await fixture.AddActionAsync("ban", "Ban");

        using var response = await fixture.Client.PostAsync("/api/v1/report/appeal", """
            { "appealId": "a-1", "appealedBy": { "id": "u1", "typeId": "user" }, "appealedAt": "2024-01-15T12:00:00Z",
              "actionedItem": { "id": "p1", "typeId": "post", "data": { "text": "x" } },
              "actionsTaken": ["ban", "mute"], "violatingPolicies": [ { "id": "nope" } ] }
            """);
        using var missing = await fixture.Client.PostAsync("/api/v1/report/appeal", "{ \"appealId\": \"a-2\" }");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["/actionsTaken/1", "/violatingPolicies/0/id"], (await PlatformClient.ErrorsAsync(response)).Select(e => (string)e["pointer"]!));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("/actionsTaken", (await PlatformClient.ErrorsAsync(missing)).Select(e => (string)e["pointer"]!));
        await using var db = await fixture.ContextAsync();
        Assert.Equal(0, await db.Set<Appeal>().CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Policies_are_listed_flat_with_parent_ids_and_need_the_key()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        await fixture.AddPolicyAsync("violence", "Violence");
        await fixture.AddPolicyAsync("graphic", "Graphic Violence", parentId: "violence");

        using var response = await fixture.Client.GetAsync("/api/v1/policies/");
        using var anonymous = await fixture.Client.GetAsync("/api/v1/policies/", key: string.Empty);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var policies = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!["policies"]!.AsArray();
        Assert.Equal(2, policies.Count);
        var graphic = policies.Single(p => (string)p!["id"]! == "graphic")!;
        Assert.Equal("Graphic Violence", (string)graphic["name"]!);
        Assert.Equal("violence", (string)graphic["parentId"]!);
        var top = policies.Single(p => (string)p!["id"]! == "violence")!.AsObject();
        Assert.True(top.ContainsKey("parentId"));
        Assert.Null(top["parentId"]);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
    }
}
