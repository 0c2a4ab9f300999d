using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Coop.Tests.Integration.Security;

/// <summary>
/// Issue 12, hostile input: every <c>/api/v1</c> endpoint the app maps (read from its endpoint data source, so a new
/// endpoint without a generator here fails) gets seeded-random hostile requests: malformed JSON, deep nesting, huge strings,
/// wrong types at each field, unicode edge cases, duplicate keys, other content types and methods. Every answer must be a
/// 2xx or a 4xx in Coop's error envelope (never a 5xx, never a dropped connection), and a rejected request must leave
/// every table's row count as it was. Set <c>COOP_FUZZ_SEED</c> to replay a failure's seed.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ApiFuzzTests
{
    private const int DefaultSeed = 12_2026;
    private const long MaxBodyBytes = 1024 * 1024;

    /// <summary>Background work that would change row counts between requests; the fuzz run measures the requests alone.</summary>
    private static readonly string[] IdleServices =
        ["ReviewRouter", "SubmissionProcessor", "WebhookDispatcher", "QuartzHostedService", "BulkActionWorker", "RuleRunWorker"];

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    /// <summary>How to fuzz each endpoint, by "METHOD /route": a valid body (or query) the mutations start from.</summary>
    private static Func<HostileBodies, IEnumerable<FuzzRequest>>? GeneratorFor(string endpoint) => endpoint switch
    {
        "POST /api/v1/items/async" => h => h.For("/api/v1/items/async/", Json("""
            { "items": [
              { "id": "fz-1", "typeId": "post", "data": { "text": "hello", "score": 7, "author": { "id": "u1", "typeId": "user" }, "images": ["https://cdn.example/a.png"] } },
              { "id": "fz-2", "type": { "id": "post", "schemaVariant": "partial" }, "data": { "text": "again" } } ] }
            """)),
        "POST /api/v1/content" => h => h.For("/api/v1/content/", Json("""
            { "contentId": "fz-c1", "contentType": "Post", "content": { "text": "legacy", "score": 1 }, "userId": "u1", "sync": false }
            """)),
        "POST /api/v1/report" => h => h.For("/api/v1/report", Json("""
            { "reporter": { "kind": "user", "id": "u2", "typeId": "user" }, "reportedAt": "2024-01-15T10:30:00.000Z",
              "reportedForReason": { "policyId": "spam", "reason": "ads everywhere", "csam": false },
              "reportedItem": { "id": "fz-r1", "typeId": "post", "data": { "text": "buy now", "author": { "id": "u1", "typeId": "user" } } },
              "reportedItemThread": [ { "id": "fz-r0", "typeId": "post", "data": { "score": 3 } } ],
              "reportedItemsInThread": [ { "id": "fz-r0", "typeId": "post" } ],
              "additionalItems": [ { "id": "fz-r9", "typeId": "post", "data": {} } ] }
            """)),
        "POST /api/v1/report/appeal" => h => h.For("/api/v1/report/appeal", Json("""
            { "appealId": "fz-a1", "appealedBy": { "id": "u1", "typeId": "user" }, "appealedAt": "2024-01-15T12:00:00Z",
              "actionedItem": { "id": "fz-p1", "typeId": "post", "data": { "text": "buy now" } },
              "actionsTaken": ["ban"], "appealReason": "it was a joke", "violatingPolicies": [ { "id": "spam" } ],
              "additionalItems": [ { "id": "fz-p3", "typeId": "post", "data": {} } ] }
            """)),
        "POST /api/v1/actions" => h => h.For("/api/v1/actions", Json("""
            { "actionId": "ban", "itemId": "fz-p1", "itemTypeId": "post", "policyIds": ["spam"],
              "reportedItems": [ { "id": "fz-p0", "typeId": "post" } ], "parameters": { "days": 7 }, "note": "repeat offender" }
            """)),
        "GET /api/v1/policies" => h => h.ForQuery("/api/v1/policies/", []),
        "GET /api/v1/user_scores" => h => h.ForQuery("/api/v1/user_scores", [("id", "u1"), ("typeId", "user")]),
        _ => null,
    };

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Every_api_endpoint_answers_hostile_input_with_2xx_or_a_coop_4xx_and_stores_nothing_it_rejects(DatabaseProvider provider)
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("COOP_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var given) ? given : DefaultSeed;
        var idled = 0;
        await using var fixture = await ApiFixture.StartAsync(provider, new() { ["Api:MaxBodyBytes"] = MaxBodyBytes.ToString(CultureInfo.InvariantCulture) },
            app => app.TestServices.Add(services => idled = Idle(services)));
        Assert.True(idled >= 4, $"only {idled} background services were idled; the row counts would move on their own");
        await fixture.AddPolicyAsync("spam", "Spam");
        await AddBanAsync(fixture);

        var endpoints = ApiEndpoints(fixture.App);
        Assert.True(endpoints.Count >= 7, $"found only {endpoints.Count} API endpoints: {string.Join(", ", endpoints)}");
        var missing = endpoints.Where(e => GeneratorFor(e) is null).ToList();
        Assert.True(missing.Count == 0, "No fuzz generator for: " + string.Join(", ", missing) + ". Add a valid request for each to ApiFuzzTests.GeneratorFor.");

        var random = new Random(seed);
        var hostile = new HostileBodies(random, MaxBodyBytes);
        await using var counter = await RowCounter.OpenAsync(fixture);
        var counts = await counter.CountAsync();
        var problems = new List<string>();
        var sent = 0;
        var watch = Stopwatch.StartNew();
        foreach (var endpoint in endpoints)
        {
            foreach (var request in GeneratorFor(endpoint)!(hostile))
            {
                sent++;
                var label = $"{endpoint} — {request.Name}";
                var (status, body, contentType, failure) = await SendAsync(fixture.Client, request);
                if (failure is not null)
                {
                    problems.Add($"{label}: the request failed ({failure}). Body: {request.Excerpt}");
                    continue;
                }

                var after = await counter.CountAsync();
                if (status is >= 200 and < 300)
                {
                    if (body.Length > 0 && !IsJson(body))
                    {
                        problems.Add($"{label}: {status} with a body that is not JSON: {Excerpt(body)}");
                    }

                    counts = after;
                    continue;
                }

                if (request.Name == "valid body" || request.Name == "valid query")
                {
                    problems.Add($"{label}: the unmutated request was refused with {status}: {Excerpt(body)} — fix the generator's valid request.");
                }

                if (status is < 400 or >= 500)
                {
                    problems.Add($"{label}: answered {status}: {Excerpt(body)}. Body: {request.Excerpt}");
                    continue;
                }

                if (EnvelopeProblem(status, body, contentType) is { } bad)
                {
                    problems.Add($"{label}: {status} is not in Coop's error format ({bad}): {Excerpt(body)}");
                }

                var changed = counter.Changed(counts, after);
                if (changed.Count > 0)
                {
                    problems.Add($"{label}: rejected with {status} but rows changed in {string.Join(", ", changed)}. Body: {request.Excerpt}");
                    counts = after;
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"API fuzz on {provider}: {sent} requests to {endpoints.Count} endpoints in {watch.Elapsed.TotalSeconds:F1} s (seed {seed})");
        Assert.True(sent >= 300, $"only {sent} requests were sent");
        Assert.True(problems.Count == 0,
            $"Seed {seed} (replay with COOP_FUZZ_SEED={seed}), {provider}: {problems.Count} of {sent} requests went wrong:{Environment.NewLine}"
            + string.Join(Environment.NewLine, problems.Take(40)));
    }

    /// <summary>Every platform API endpoint as "METHOD /route", from the app's endpoint data source.</summary>
    private static List<string> ApiEndpoints(CoopAppFactory app) =>
    [
        .. app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: "/" + (e.RoutePattern.RawText ?? string.Empty).Trim('/'), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["*"]))
            .Where(e => e.Route.StartsWith("/api/v1/", StringComparison.Ordinal))
            .SelectMany(e => e.Methods.Select(m => $"{m} {e.Route}"))
            .Distinct()
            .Order(StringComparer.Ordinal),
    ];

    private static JsonObject Json(string text) => JsonNode.Parse(text)!.AsObject();

    private static async Task<(int Status, string Body, string? ContentType, string? Failure)> SendAsync(PlatformClient client, FuzzRequest request)
    {
        using var message = new HttpRequestMessage(request.Method, new Uri(request.Path, UriKind.Relative));
        if (request.Body is not null)
        {
            message.Content = new ByteArrayContent(request.Body);
            if (request.ContentType is not null)
            {
                message.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
            }
        }

        var key = request.ApiKey ?? client.ApiKey;
        if (key.Length > 0)
        {
            message.Headers.TryAddWithoutValidation("X-API-KEY", key);
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            using var response = await client.Http.SendAsync(message, timeout.Token);
            var body = await response.Content.ReadAsStringAsync(timeout.Token);
            return ((int)response.StatusCode, body, response.Content.Headers.ContentType?.MediaType, null);
        }
        catch (Exception ex)
        {
            return (0, string.Empty, null, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>Why a 4xx body is not Coop's <c>{ errors: [ { status, type[], title, detail?, pointer?, requestId? } ] }</c>, or null when it is.</summary>
    private static string? EnvelopeProblem(int status, string body, string? contentType)
    {
        if (contentType != "application/json")
        {
            return $"content type {contentType ?? "(none)"}";
        }

        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return "not JSON";
        }

        if (root is not JsonObject envelope || envelope.Count != 1 || envelope["errors"] is not JsonArray { Count: > 0 } errors)
        {
            return "no non-empty errors array as the only property";
        }

        for (var i = 0; i < errors.Count; i++)
        {
            if (errors[i] is not JsonObject error)
            {
                return $"errors[{i}] is not an object";
            }

            if (error["status"] is not JsonValue s || !s.TryGetValue<int>(out var code) || code is < 400 or >= 500 || (i == 0 && code != status))
            {
                return $"errors[{i}].status is not the response's 4xx status";
            }

            if (error["type"] is not JsonArray { Count: > 0 } types || types.Any(t => t is not JsonValue tv || !tv.TryGetValue<string>(out var type) || !type.StartsWith("/errors/", StringComparison.Ordinal)))
            {
                return $"errors[{i}].type is not a non-empty array of /errors/… types";
            }

            if (error["title"] is not JsonValue title || !title.TryGetValue<string>(out var t) || string.IsNullOrWhiteSpace(t))
            {
                return $"errors[{i}].title is missing";
            }

            foreach (var (name, value) in error)
            {
                if (name is "status" or "type" or "title")
                {
                    continue;
                }

                if (name is not ("detail" or "pointer" or "requestId"))
                {
                    return $"errors[{i}] has an unknown property {name}";
                }

                if (value is not JsonValue v || !v.TryGetValue<string>(out _))
                {
                    return $"errors[{i}].{name} is not a string";
                }
            }
        }

        return null;
    }

    private static bool IsJson(string body)
    {
        try
        {
            JsonNode.Parse(body);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Excerpt(string body) => body.Length > 300 ? body[..300] + "…" : body;

    /// <summary>Removes the hosted services named in <see cref="IdleServices"/>; returns how many.</summary>
    private static int Idle(IServiceCollection services)
    {
        var idle = services.Where(d => d.ServiceType == typeof(IHostedService) && !d.IsKeyedService && ImplementationName(d) is { } name && IdleServices.Contains(name)).ToList();
        foreach (var descriptor in idle)
        {
            services.Remove(descriptor);
        }

        return idle.Count;
    }

    private static string? ImplementationName(ServiceDescriptor descriptor) =>
        descriptor.ImplementationType?.Name
        ?? descriptor.ImplementationInstance?.GetType().Name
        ?? (descriptor.ImplementationFactory?.GetType() is { IsGenericType: true } factory ? factory.GetGenericArguments()[^1].Name : null);

    private static async Task AddBanAsync(ApiFixture fixture)
    {
        await using var db = await fixture.ContextAsync();
        db.Actions.Add(ActionDefinition.CreateCustom(fixture.OrganizationId, "ban", new ActionDefinitionDetails(
            "Ban", null, ["post", "user"], "https://platform.example/hooks/ban", [], null, false,
            [new ActionParameter("days", "Days", ActionParameterType.Number, Required: true, Min: 1, Max: 365)]),
            TimeProvider.System.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();
    }

    /// <summary>Row counts of every table of the model, in one query on one open connection.</summary>
    private sealed class RowCounter(CoopDbContext db, DbConnection connection, List<string> tables, string sql) : IAsyncDisposable
    {
        public static async Task<RowCounter> OpenAsync(ApiFixture fixture)
        {
            var db = await fixture.ContextAsync();
            var helper = db.GetService<ISqlGenerationHelper>();
            var tables = db.Model.GetEntityTypes()
                .Where(t => t.GetTableName() is not null && t.GetViewName() is null)
                .Select(t => (Name: t.GetTableName()!, Schema: t.GetSchema()))
                .Distinct()
                .OrderBy(t => t.Name, StringComparer.Ordinal)
                .ToList();
            var connection = db.Database.GetDbConnection();
            await db.Database.OpenConnectionAsync();
            var query = "SELECT " + string.Join(", ", tables.Select(t => $"(SELECT COUNT(*) FROM {helper.DelimitIdentifier(t.Name, t.Schema)})"));
            return new RowCounter(db, connection, [.. tables.Select(t => t.Name)], query);
        }

        public async Task<long[]> CountAsync()
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await using var reader = await command.ExecuteReaderAsync();
            await reader.ReadAsync();
            return [.. Enumerable.Range(0, tables.Count).Select(i => Convert.ToInt64(reader.GetValue(i), CultureInfo.InvariantCulture))];
        }

        public List<string> Changed(long[] before, long[] after) =>
            [.. tables.Select((name, i) => (name, i)).Where(t => before[t.i] != after[t.i]).Select(t => $"{t.name} ({before[t.i]} → {after[t.i]})")];

        public async ValueTask DisposeAsync()
        {
            await db.Database.CloseConnectionAsync();
            await db.DisposeAsync();
        }
    }
}
