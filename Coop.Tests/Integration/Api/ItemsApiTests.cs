using System.Net;
using System.Text.Json.Nodes;
using Coop.Domain.Items;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Api;

/// <summary><c>POST /api/v1/items/async/</c> and the legacy <c>/content/</c>, through HTTP, on SQLite and PostgreSQL.</summary>
[Trait("Category", "Integration")]
public sealed class ItemsApiTests
{
    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_valid_batch_is_committed_before_202_and_processed_into_item_history(DatabaseProvider provider)
    {
        await using var fixture = await ApiFixture.StartAsync(provider);

        using var response = await fixture.Client.PostAsync("/api/v1/items/async/", """
            { "items": [
              { "id": "p1", "typeId": "post", "data": { "text": "hello", "score": "7", "author": { "id": "u1", "typeId": "user" }, "images": ["https://cdn.example/a.png"], "extra": { "kept": true } } },
              { "id": "p1", "type": { "id": "post" }, "data": { "text": "hello again" } },
              { "id": "p2", "typeId": "post", "typeSchemaVariant": "partial", "data": { } } ] }
            """);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        await using var db = await fixture.ContextAsync();
        var submissions = await db.Set<ItemSubmission>().OrderBy(s => s.Id).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(3, submissions.Count);
        var first = JsonNode.Parse(submissions[0].Data)!;
        Assert.Equal(7, (double)first["score"]!);
        Assert.Equal("https://cdn.example/a.png", (string)first["images"]![0]!["url"]!);
        Assert.True((bool)first["extra"]!["kept"]!);
        Assert.Equal(("u1", "user"), (submissions[0].CreatorId, submissions[0].CreatorTypeId));
        Assert.Equal("partial", submissions[2].SchemaVariant);
        Assert.All(submissions, s => Assert.StartsWith("post-items:", s.RequestId, StringComparison.Ordinal));

        await WaitForProcessingAsync(fixture);
        await using var after = await fixture.ContextAsync();
        var p1 = await after.Set<Item>().SingleAsync(i => i.ItemId == "p1", TestContext.Current.CancellationToken);
        Assert.Equal(2, p1.SubmissionCount);
        Assert.Equal(submissions[1].Id, p1.LatestSubmissionId);
    }

    [Fact]
    public async Task Items_accepted_with_202_survive_a_process_killed_before_processing()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        var noProcessing = new Dictionary<string, string?>(database.Settings()) { ["Ingestion:ProcessingEnabled"] = "false" };
        await using (var first = new CoopAppFactory(noProcessing))
        {
            var organizationId = await OrganizationBuilder.CreateAsync(first, "Acme", Coop.Domain.Authorization.DefaultRoles.Admin);
            await ItemTypeBuilder.CreateAsync(first, organizationId, "post", "Post", ApiFixture.PostSchema);
            using var client = await PlatformClient.CreateAsync(first, organizationId);
            using var response = await client.PostAsync("/api/v1/items/async/",
                """{ "items": [ { "id": "a", "typeId": "post", "data": { "text": "1" } }, { "id": "b", "typeId": "post", "data": { "text": "2" } } ] }""");
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }

        await using var second = new CoopAppFactory(database.Settings());
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            await using var db = await second.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync(timeout.Token);
            if (await db.Set<Item>().CountAsync(timeout.Token) == 2)
            {
                Assert.Equal(0, await db.Set<ItemSubmission>().CountAsync(s => s.ProcessedAt == null, timeout.Token));
                break;
            }

            await Task.Delay(50, timeout.Token);
        }
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task One_bad_item_refuses_the_whole_batch_with_a_pointer_per_failure(DatabaseProvider provider)
    {
        await using var fixture = await ApiFixture.StartAsync(provider);

        using var response = await fixture.Client.PostAsync("/api/v1/items/async/", """
            { "items": [
              { "id": "ok", "typeId": "post", "data": { "text": "fine" } },
              { "id": "bad-type", "typeId": "nope", "data": { "text": "x" } },
              { "id": "bad-field", "typeId": "post", "data": { "text": "x", "score": "many" } },
              { "id": "missing", "typeId": "post", "data": { "score": 1 } } ] }
            """);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await PlatformClient.ErrorsAsync(response);
        Assert.Equal(["/items/1/typeId", "/items/2/data/score", "/items/3/data/text"], errors.Select(e => (string)e["pointer"]!));
        Assert.All(errors, e =>
        {
            Assert.Equal(400, (int)e["status"]!);
            Assert.Equal("/errors/invalid-user-input", (string)e["type"]!.AsArray().Last()!);
            Assert.Equal("/errors/data-invalid-for-item-type", (string)e["type"]![0]!);
            Assert.StartsWith("post-items:", (string)e["requestId"]!, StringComparison.Ordinal);
        });
        await using var db = await fixture.ContextAsync();
        Assert.Equal(0, await db.Set<ItemSubmission>().CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Malformed_json_empty_batches_and_shapes_are_400_with_pointers()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);

        async Task<JsonNode> ErrorFor(string body)
        {
            using var response = await fixture.Client.PostAsync("/api/v1/items/async/", body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            return await PlatformClient.FirstErrorAsync(response);
        }

        Assert.Equal(string.Empty, (string)(await ErrorFor("{ \"items\": [ ")) ["pointer"]!);
        Assert.Equal("/items", (string)(await ErrorFor("{ \"items\": [] }"))["pointer"]!);
        Assert.Equal("/items", (string)(await ErrorFor("{ }"))["pointer"]!);
        Assert.Equal("/items/0/id", (string)(await ErrorFor("{ \"items\": [ { \"typeId\": \"post\", \"data\": {} } ] }"))["pointer"]!);
        Assert.Equal("/items/0/data", (string)(await ErrorFor("{ \"items\": [ { \"id\": \"a\", \"typeId\": \"post\", \"data\": 3 } ] }"))["pointer"]!);
        Assert.Equal("/items/0/typeSchemaVariant",
            (string)(await ErrorFor("{ \"items\": [ { \"id\": \"a\", \"typeId\": \"post\", \"typeSchemaVariant\": \"loose\", \"data\": {} } ] }"))["pointer"]!);
    }

    [Fact]
    public async Task Body_and_batch_limits_are_400_with_clear_errors()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite, new() { ["Api:MaxBodyBytes"] = "2048", ["Api:MaxBatchItems"] = "2" });

        using var big = await fixture.Client.PostAsync("/api/v1/items/async/",
            $$"""{ "items": [ { "id": "a", "typeId": "post", "data": { "text": "{{new string('x', 4000)}}" } } ] }""");
        using var many = await fixture.Client.PostAsync("/api/v1/items/async/",
            """{ "items": [ { "id": "a", "typeId": "post", "data": { "text": "1" } }, { "id": "b", "typeId": "post", "data": { "text": "2" } }, { "id": "c", "typeId": "post", "data": { "text": "3" } } ] }""");

        Assert.Equal(HttpStatusCode.BadRequest, big.StatusCode);
        Assert.Equal("Request body is too large.", (string)(await PlatformClient.FirstErrorAsync(big))["title"]!);
        Assert.Equal(HttpStatusCode.BadRequest, many.StatusCode);
        Assert.Equal("/items", (string)(await PlatformClient.FirstErrorAsync(many))["pointer"]!);
    }

    [Fact]
    public async Task A_chunked_body_of_unknown_length_is_read_whole_and_held_to_the_limit()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite, new() { ["Api:MaxBodyBytes"] = "100000" });
        var text = string.Concat(Enumerable.Range(0, 6_000).Select(i => (char)('a' + (i % 26)))) + "é";
        using var fits = await fixture.Client.SendAsync(HttpMethod.Post, "/api/v1/items/async/",
            Chunked($$"""{ "items": [ { "id": "long", "typeId": "post", "data": { "text": "{{string.Concat(Enumerable.Repeat(text, 8))}}" } } ] }"""));
        using var over = await fixture.Client.SendAsync(HttpMethod.Post, "/api/v1/items/async/",
            Chunked($$"""{ "items": [ { "id": "huge", "typeId": "post", "data": { "text": "{{new string('x', 120_000)}}" } } ] }"""));

        Assert.Equal(HttpStatusCode.Accepted, fits.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Equal("Request body is too large.", (string)(await PlatformClient.FirstErrorAsync(over))["title"]!);
        var stored = await fixture.App.WithScopeAsync(async services =>
        {
            await using var db = await services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync();
            return await db.Set<ItemSubmission>().Select(s => new { s.ItemId, s.Data }).ToListAsync();
        });
        var only = Assert.Single(stored);
        Assert.Equal("long", only.ItemId);
        Assert.Equal(string.Concat(Enumerable.Repeat(text, 8)), (string)JsonNode.Parse(only.Data)!["text"]!);

        // A stream of unknown length: HttpClient sends it chunked, with no Content-Length for the server to size a buffer by.
        static StreamContent Chunked(string json) => new(new NonSeekable(System.Text.Encoding.UTF8.GetBytes(json)), 1000) { Headers = { ContentType = PlatformClient.Json } };
    }

    private sealed class NonSeekable(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    [Fact]
    public async Task A_missing_wrong_or_rotated_key_is_401_and_a_bad_body_is_400_first()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        const string valid = """{ "items": [ { "id": "a", "typeId": "post", "data": { "text": "x" } } ] }""";

        using var missing = await fixture.Client.PostAsync("/api/v1/items/async/", valid, key: string.Empty);
        using var wrong = await fixture.Client.PostAsync("/api/v1/items/async/", valid, key: new string('0', 64));
        using var badBodyNoKey = await fixture.Client.PostAsync("/api/v1/items/async/", "{ \"items\": 1 }", key: string.Empty);
        var rotated = fixture.Client.ApiKey;
        await fixture.App.Services.GetRequiredService<Coop.Web.Features.Administration.ApiKeyIssuer>()
            .IssueAsync(fixture.OrganizationId, "new", null, "test", null, TestContext.Current.CancellationToken);
        using var afterRotation = await fixture.Client.PostAsync("/api/v1/items/async/", valid, key: rotated);

        foreach (var response in new[] { missing, wrong, afterRotation })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            var error = await PlatformClient.FirstErrorAsync(response);
            Assert.Equal("Invalid API Key", (string)error["title"]!);
            Assert.Equal("/errors/authentication-failed-or-missing", (string)error["type"]![0]!);
        }

        Assert.Equal(HttpStatusCode.BadRequest, badBodyNoKey.StatusCode);
    }

    [Fact]
    public async Task The_legacy_content_endpoint_addresses_types_by_name()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);

        using var sync = await fixture.Client.PostAsync("/api/v1/content/",
            """{ "contentId": "c1", "contentType": "Post", "content": { "text": "hi" }, "userId": "u9", "sync": true }""");
        using var async_ = await fixture.Client.PostAsync("/api/v1/content/", """{ "contentId": "c2", "contentType": "Post", "content": { "text": "hi" } }""");
        using var unknown = await fixture.Client.PostAsync("/api/v1/content/", """{ "contentId": "c3", "contentType": "Nope", "content": {} }""");
        using var invalid = await fixture.Client.PostAsync("/api/v1/content/", """{ "contentId": "c4", "contentType": "Post", "content": { "score": 1 } }""");

        Assert.Equal(HttpStatusCode.OK, sync.StatusCode);
        var outcome = JsonNode.Parse(await sync.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        Assert.Empty(outcome["actionsTriggered"]!.AsArray());
        Assert.NotNull(outcome["derivedFields"] as JsonObject);
        Assert.Equal(HttpStatusCode.Accepted, async_.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        var unknownError = await PlatformClient.FirstErrorAsync(unknown);
        Assert.Equal("/errors/unrecognized-content-type", (string)unknownError["type"]![0]!);
        Assert.Equal("/contentType", (string)unknownError["pointer"]!);
        var invalidError = await PlatformClient.FirstErrorAsync(invalid);
        Assert.Equal("/errors/content-invalid-for-content-type", (string)invalidError["type"]![0]!);
        Assert.Equal("/content/text", (string)invalidError["pointer"]!);

        await using var db = await fixture.ContextAsync();
        var stored = await db.Set<ItemSubmission>().SingleAsync(s => s.ItemId == "c1", TestContext.Current.CancellationToken);
        Assert.Equal("u9", stored.CreatorId);
        Assert.Equal("content", stored.Source);
    }

    [Fact]
    public async Task Coops_documented_items_example_is_accepted_as_written()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        await ItemTypeBuilder.CreateAsync(fixture.App, fixture.OrganizationId, "your-item-type-id", "Documented",
            ItemTypeBuilder.Fields("CONTENT", ("fieldName1", "STRING", true), ("fieldName2", "NUMBER", true)));

        using var response = await fixture.Client.PostAsync("/api/v1/items/async/", await File.ReadAllTextAsync(
            Path.Combine(AppContext.BaseDirectory, "Fixtures", "CoopDocs", "items.json"), TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    private static async Task WaitForProcessingAsync(ApiFixture fixture)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            await using var db = await fixture.ContextAsync();
            if (!await db.Set<ItemSubmission>().AnyAsync(s => s.ProcessedAt == null, timeout.Token))
            {
                return;
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}
