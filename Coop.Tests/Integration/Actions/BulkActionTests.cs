using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Coop.Domain.Actions;
using Coop.Domain.Authorization;
using Coop.Domain.Policies;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Persistence.Providers.Postgres;
using Coop.Infrastructure.Persistence.Providers.Sqlite;
using Coop.Infrastructure.Webhooks;
using Coop.Tests.Support;
using Coop.Tests.Support.Fakes;
using Coop.Web.Application;
using Coop.Web.Features.Actions.Bulk;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Actions;

/// <summary>Bulk actions end to end: every item's callback reaches the platform exactly once, through restarts and cancels; refused without the permission.</summary>
[Trait("Category", "Integration")]
public sealed class BulkActionTests
{
    private const string Moderator = "mod@acme.test";
    private const string Outsider = "ext@acme.test";

    public static TheoryData<DatabaseProvider> Providers => [DatabaseProvider.Sqlite, DatabaseProvider.Postgres];

    /// <summary>5,000 items per provider, as issue 5 asks.</summary>
    public static TheoryData<DatabaseProvider, int> LargeRuns => new() { { DatabaseProvider.Sqlite, 5000 }, { DatabaseProvider.Postgres, 5000 } };

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Outbound:AllowedNetworks:0"] = "127.0.0.0/8",
            ["Webhooks:BackoffBase"] = "00:00:00.100",
            ["Webhooks:PollInterval"] = "00:00:00.250",
            ["BulkActions:PollInterval"] = "00:00:00.250",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>A "remove" webhook action with a required "days" parameter, a "spam" policy, a moderator and an external moderator.</summary>
    private static async Task<string> SetUpAsync(CoopAppFactory app, string organizationId, Uri callback)
    {
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync())
        {
            db.Actions.Add(ActionDefinition.CreateCustom(organizationId, "remove", new ActionDefinitionDetails(
                "Remove", null, ["post"], callback.ToString(), [], null, false,
                [new ActionParameter("days", "Days", ActionParameterType.Number, Required: true, Min: 1, Max: 365)]), now));
            db.Policies.Add(Policy.Create(organizationId, "spam", new PolicyDetails("Spam", null, null, null, Penalty.Medium, 1, false), now));
            await db.SaveChangesAsync();
        }

        await OrganizationBuilder.AddUserAsync(app, organizationId, Outsider, DefaultRoles.ExternalModerator);
        return await OrganizationBuilder.AddUserAsync(app, organizationId, Moderator, DefaultRoles.Moderator);
    }

    private static StartBulkActionCommand Command(IReadOnlyList<string> ids, string reason = "spam wave") => new(
        "post", ids, ["remove"], ["spam"], new Dictionary<string, JsonObject?> { ["remove"] = new() { ["days"] = 7 } }, reason);

    private static Task<BulkActionStarted> StartAsync(CoopAppFactory app, StartBulkActionCommand command, string user = Moderator) =>
        app.AsUserAsync(user, s => s.SendAsync<StartBulkActionCommand, BulkActionStarted>(command));

    private static async Task<BulkActionRun> RunAsync(CoopAppFactory app, string runId)
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>().CreateDbContextAsync();
        return await db.BulkActionRuns.AsNoTracking().SingleAsync(r => r.Id == runId);
    }

    private static async Task PollAsync(ApiFixture fixture, Func<CoopDbContext, Task<bool>> condition)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (true)
        {
            await using (var db = await fixture.ContextAsync())
            {
                if (await condition(db))
                {
                    return;
                }
            }

            await Task.Delay(500, cts.Token);
        }
    }

    private static string ItemIdOf(ReceivedWebhook webhook) => (string)JsonNode.Parse(webhook.Body)!["item"]!["id"]!;

    [Theory]
    [MemberData(nameof(LargeRuns))]
    public async Task A_large_run_delivers_every_items_callback_exactly_once(DatabaseProvider provider, int count)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var fixture = await ApiFixture.StartAsync(provider, Settings());
        receiver.PublicKeyPem = await fixture.App.Services.GetRequiredService<IWebhookSigner>().GetPublicKeyPemAsync(fixture.OrganizationId);
        var moderatorId = await SetUpAsync(fixture.App, fixture.OrganizationId, receiver.UrlFor("/hooks/remove"));
        using (var submit = await fixture.Client.PostAsync("/api/v1/items/async/",
                   """{ "items": [ { "id": "b-7", "typeId": "post", "data": { "text": "buy now", "author": { "id": "u1", "typeId": "user" } } } ] }"""))
        {
            Assert.Equal(HttpStatusCode.Accepted, submit.StatusCode);
        }

        await fixture.WaitForItemAsync("b-7");
        var ids = Enumerable.Range(0, count).Select(i => $"b-{i}").ToList();
        var pasted = BulkItemIds.Split(string.Join("\n", ids) + "\n\n b-1 , b-2\n\t");

        var preview = await fixture.App.AsUserAsync(Moderator, s => s.AskAsync<PreviewBulkActionQuery, BulkActionPreview>(new PreviewBulkActionQuery("post", pasted)));
        Assert.Equal(new BulkActionPreview(count + 2, count, 2, 1, count - 1, BulkActionRun.MaxItems), preview);

        var clock = Stopwatch.StartNew();
        var started = await StartAsync(fixture.App, Command(pasted));
        Assert.Equal((count, 1), (started.TotalItems, started.KnownItems));
        // Polled slowly: on PostgreSQL each poll is a new server connection (test databases are unpooled).
        await PollAsync(fixture, db => db.BulkActionRuns.AnyAsync(r => r.Id == started.RunId && r.Status == BulkActionRunStatus.Completed));
        await PollAsync(fixture, db => db.OutboxMessages.AllAsync(m => m.Status == Coop.Domain.Webhooks.OutboxStatus.Delivered));
        var elapsed = clock.Elapsed;

        var requests = receiver.Requests;
        Assert.Equal(count, requests.Count);
        Assert.Equal(count, requests.Select(ItemIdOf).Distinct().Count());
        Assert.Equal(ids.ToHashSet(), requests.Select(ItemIdOf).ToHashSet());
        Assert.All(requests, r => Assert.True(r.SignatureValid));
        var body = JsonNode.Parse(requests.Single(r => ItemIdOf(r) == "b-7").Body)!;
        Assert.Equal("""{"id":"u1","typeId":"user"}""", body["creator"]!.ToJsonString());
        Assert.Equal("""{"days":7}""", body["custom"]!.ToJsonString());
        Assert.Equal((Moderator, "spam wave"), ((string)body["actorEmail"]!, (string)body["actorNote"]!));
        Assert.Equal("""[{"id":"spam","name":"Spam","penalty":"MEDIUM"}]""", body["policies"]!.ToJsonString());

        var run = await RunAsync(fixture.App, started.RunId);
        Assert.Equal((count, 0, count), (run.DoneItems, run.FailedItems, run.TotalItems));
        await using var db = await fixture.ContextAsync();
        var executions = await db.ActionExecutions.AsNoTracking().Where(e => e.Source == ActionExecutionSource.Bulk)
            .Select(e => new { e.ItemId, e.ActorUserId, e.CorrelationId }).ToListAsync(TestContext.Current.CancellationToken);
        Assert.Equal(count, executions.Select(e => e.ItemId).Distinct().Count());
        Assert.Equal(count, executions.Count);
        Assert.All(executions, e => Assert.Equal(moderatorId, e.ActorUserId));
        Assert.Equal(0, await db.BulkActionRunItems.CountAsync(i => i.Status != BulkActionItemStatus.Done, TestContext.Current.CancellationToken));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "bulk-action.started" && a.TargetId == started.RunId, TestContext.Current.CancellationToken));
        TestContext.Current.SendDiagnosticMessage($"{provider}: {count} bulk items actioned and delivered in {elapsed.TotalSeconds:F1} s");
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task A_run_stopped_mid_way_resumes_after_a_restart_and_runs_no_item_twice(DatabaseProvider provider)
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(provider), $"{provider} is not configured for this run.");
        await using var receiver = await WebhookReceiver.StartAsync();
        await using var database = await TestDatabase.CreateAsync(provider);
        var common = new Dictionary<string, string?>(database.Settings());
        foreach (var (key, value) in Settings())
        {
            common[key] = value;
        }

        string runId;
        var first = new CoopAppFactory(new Dictionary<string, string?>(common)
        {
            ["Webhooks:DispatcherEnabled"] = "false",
            ["BulkActions:ChunkSize"] = "50",
            ["BulkActions:PauseBetweenChunks"] = "00:00:00.150",
        });
        await using (first)
        {
            var organizationId = await OrganizationBuilder.CreateAsync(first, "Acme", DefaultRoles.Admin);
            await ItemTypeBuilder.CreateAsync(first, organizationId, "post", "Post", ApiFixture.PostSchema);
            receiver.PublicKeyPem = await first.Services.GetRequiredService<IWebhookSigner>().GetPublicKeyPemAsync(organizationId);
            await SetUpAsync(first, organizationId, receiver.UrlFor("/hooks/remove"));
            runId = (await StartAsync(first, Command([.. Enumerable.Range(0, 400).Select(i => $"r-{i}")]))).RunId;
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while ((await RunAsync(first, runId)).DoneItems < 100)
            {
                await Task.Delay(20, cts.Token);
            }
        }

        // The first process stopped in the middle of the run (its chunk in flight rolled back): what committed is consistent.
        await using (var db = NewContext(database))
        {
            var run = await db.BulkActionRuns.AsNoTracking().SingleAsync(r => r.Id == runId, TestContext.Current.CancellationToken);
            Assert.Equal(BulkActionRunStatus.Running, run.Status);
            Assert.InRange(run.DoneItems, 100, 399);
            Assert.Equal(run.DoneItems, await db.BulkActionRunItems.CountAsync(i => i.RunId == runId && i.Status == BulkActionItemStatus.Done, TestContext.Current.CancellationToken));
            Assert.Equal(run.DoneItems, await db.ActionExecutions.CountAsync(TestContext.Current.CancellationToken));
            Assert.Equal(run.DoneItems, await db.OutboxMessages.CountAsync(TestContext.Current.CancellationToken));
            Assert.Empty(receiver.Requests);
        }

        await using var second = new CoopAppFactory(common);
        _ = second.Services;
        using (var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
        {
            while ((await RunAsync(second, runId)).Status != BulkActionRunStatus.Completed)
            {
                await Task.Delay(25, cts.Token);
            }
        }

        var requests = await receiver.WaitForAsync(400, TimeSpan.FromSeconds(120));
        await using (var db = NewContext(database))
        {
            Assert.Equal(400, await db.ActionExecutions.Select(e => e.ItemId).Distinct().CountAsync(TestContext.Current.CancellationToken));
            Assert.Equal(400, await db.ActionExecutions.CountAsync(TestContext.Current.CancellationToken));
            await WaitUntilDeliveredAsync(db);
        }

        Assert.Equal(400, receiver.Requests.Count);
        Assert.Equal(400, requests.Select(ItemIdOf).Distinct().Count());
        Assert.Equal(400, (await RunAsync(second, runId)).DoneItems);
    }

    [Fact]
    public async Task A_cancelled_run_stops_before_its_next_chunk_and_keeps_what_it_did()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite, Settings(("Webhooks:DispatcherEnabled", "false"), ("BulkActions:WorkerEnabled", "false"), ("BulkActions:ChunkSize", "100")));
        await SetUpAsync(fixture.App, fixture.OrganizationId, new Uri("https://platform.example/remove"));
        var processor = fixture.App.Services.GetRequiredService<BulkActionProcessor>();
        var started = await StartAsync(fixture.App, Command([.. Enumerable.Range(0, 300).Select(i => $"c-{i}")]));

        Assert.True(await processor.ProcessChunkAsync(started.RunId, TestContext.Current.CancellationToken));
        Assert.True(await fixture.App.AsUserAsync(Moderator, s => s.SendAsync<CancelBulkActionCommand, bool>(new CancelBulkActionCommand(started.RunId))));
        Assert.False(await processor.ProcessChunkAsync(started.RunId, TestContext.Current.CancellationToken));
        await processor.RunAsync(started.RunId, TestContext.Current.CancellationToken);

        var run = await RunAsync(fixture.App, started.RunId);
        Assert.Equal((BulkActionRunStatus.Cancelled, 100, 0), (run.Status, run.DoneItems, run.FailedItems));
        Assert.NotNull(run.FinishedAt);
        Assert.DoesNotContain(started.RunId, await processor.ActiveRunsAsync(TestContext.Current.CancellationToken));
        await using var db = await fixture.ContextAsync();
        Assert.Equal(100, await db.ActionExecutions.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(200, await db.BulkActionRunItems.CountAsync(i => i.Status == BulkActionItemStatus.Pending, TestContext.Current.CancellationToken));
        Assert.True(await db.AuditEntries.AnyAsync(a => a.Action == "bulk-action.cancelled" && a.TargetId == started.RunId, TestContext.Current.CancellationToken));
        var again = await Assert.ThrowsAsync<ValidationFailedException>(() =>
            fixture.App.AsUserAsync(Moderator, s => s.SendAsync<CancelBulkActionCommand, bool>(new CancelBulkActionCommand(started.RunId))));
        Assert.Contains("already finished", again.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_manually_action_content_every_bulk_use_case_is_refused()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite, Settings(("Webhooks:DispatcherEnabled", "false"), ("BulkActions:WorkerEnabled", "false")));
        await SetUpAsync(fixture.App, fixture.OrganizationId, new Uri("https://platform.example/remove"));
        var started = await StartAsync(fixture.App, Command(["p1"]));

        await Assert.ThrowsAsync<ForbiddenAccessException>(() => StartAsync(fixture.App, Command(["p2"]), Outsider));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => fixture.App.AsUserAsync(Outsider, s =>
            s.AskAsync<PreviewBulkActionQuery, BulkActionPreview>(new PreviewBulkActionQuery("post", ["p2"]))));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => fixture.App.AsUserAsync(Outsider, s =>
            s.SendAsync<CancelBulkActionCommand, bool>(new CancelBulkActionCommand(started.RunId))));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => fixture.App.AsUserAsync(Outsider, s =>
            s.AskAsync<ListBulkActionRunsQuery, IReadOnlyList<BulkRunView>>(new ListBulkActionRunsQuery())));
        await Assert.ThrowsAsync<ForbiddenAccessException>(() => fixture.App.AsUserAsync(Outsider, s =>
            s.AskAsync<GetBulkActionRunQuery, BulkRunDetails?>(new GetBulkActionRunQuery(started.RunId))));

        var run = Assert.Single(await fixture.App.AsUserAsync(Moderator, s =>
            s.AskAsync<ListBulkActionRunsQuery, IReadOnlyList<BulkRunView>>(new ListBulkActionRunsQuery())));
        Assert.Equal((started.RunId, BulkActionRunStatus.Pending, 1), (run.Id, run.Status, run.Total));
    }

    [Fact]
    public async Task Bad_input_is_refused_field_by_field_and_stores_nothing()
    {
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite, Settings(("Webhooks:DispatcherEnabled", "false"), ("BulkActions:WorkerEnabled", "false")));
        await SetUpAsync(fixture.App, fixture.OrganizationId, new Uri("https://platform.example/remove"));

        async Task<IReadOnlyDictionary<string, string[]>> Refusal(StartBulkActionCommand command) =>
            (await Assert.ThrowsAsync<ValidationFailedException>(() => StartAsync(fixture.App, command))).Errors;

        var tooMany = await Refusal(Command([.. Enumerable.Range(0, BulkActionRun.MaxItems + 1).Select(i => $"t-{i}")]));
        Assert.Equal(["A bulk run takes at most 10,000 distinct item ids; you gave 10,001. Split them into several runs."], tooMany["itemIds"]);
        Assert.Contains("itemIds", (await Refusal(Command(["", "  ", "\t"]))).Keys);
        Assert.Contains("itemIds", (await Refusal(Command([new string('x', 257)]))).Keys);
        Assert.Contains("itemTypeId", (await Refusal(Command(["p1"]) with { ItemTypeId = "nope" })).Keys);
        Assert.Contains("actionIds", (await Refusal(Command(["p1"]) with { ActionIds = [] })).Keys);
        Assert.Contains("actionIds", (await Refusal(Command(["p1"]) with { ActionIds = ["remove", "nope"] })).Keys);
        Assert.Contains("actions/remove/parameters/days", (await Refusal(Command(["p1"]) with { Parameters = null })).Keys);
        Assert.Contains("actions/remove/parameters/days",
            (await Refusal(Command(["p1"]) with { Parameters = new Dictionary<string, JsonObject?> { ["remove"] = new() { ["days"] = 0 } } })).Keys);
        Assert.Contains("reason", (await Refusal(Command(["p1"], new string('r', 5001)))).Keys);

        var preview = await fixture.App.AsUserAsync(Moderator, s => s.AskAsync<PreviewBulkActionQuery, BulkActionPreview>(
            new PreviewBulkActionQuery("post", [.. Enumerable.Range(0, BulkActionRun.MaxItems + 5).Select(i => $"t-{i % (BulkActionRun.MaxItems + 1)}")])));
        Assert.True(preview.TooMany);
        Assert.Equal((10_001, 4), (preview.Distinct, preview.Duplicates));

        // Ten thousand distinct ids are allowed, whatever the repeats.
        var most = await StartAsync(fixture.App, Command([.. Enumerable.Range(0, BulkActionRun.MaxItems).Select(i => $"m-{i}"), "m-0", "m-1"]));
        Assert.Equal(BulkActionRun.MaxItems, most.TotalItems);

        await using var db = await fixture.ContextAsync();
        Assert.Equal(1, await db.BulkActionRuns.CountAsync(TestContext.Current.CancellationToken));
        Assert.Equal(BulkActionRun.MaxItems, await db.BulkActionRunItems.CountAsync(TestContext.Current.CancellationToken));
    }

    /// <summary>A context on the test database with no app running (between the two processes).</summary>
    private static CoopDbContext NewContext(TestDatabase database)
    {
        switch (database.Provider)
        {
            case DatabaseProvider.Postgres:
                var postgres = new DbContextOptionsBuilder<PostgresCoopDbContext>();
                DatabaseSetup.UsePostgres(postgres, database.ConnectionString);
                return new PostgresCoopDbContext(postgres.Options);
            default:
                var sqlite = new DbContextOptionsBuilder<SqliteCoopDbContext>();
                DatabaseSetup.UseSqlite(sqlite, database.ConnectionString);
                return new SqliteCoopDbContext(sqlite.Options);
        }
    }

    private static async Task WaitUntilDeliveredAsync(CoopDbContext db)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        while (await db.OutboxMessages.AnyAsync(m => m.Status != Coop.Domain.Webhooks.OutboxStatus.Delivered, cts.Token))
        {
            await Task.Delay(25, cts.Token);
        }
    }
}
