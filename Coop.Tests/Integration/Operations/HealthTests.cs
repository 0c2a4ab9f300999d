using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Coop.Infrastructure.Persistence;
using Coop.Tests.Support;
using Microsoft.Data.Sqlite;

namespace Coop.Tests.Integration.Operations;

/// <summary>/health/live, /health/ready and /health over HTTP, with the database and Redis up and down.</summary>
[Trait("Category", "Integration")]
public sealed class HealthTests
{
    private static readonly string? Redis = Environment.GetEnvironmentVariable("COOP_TEST_REDIS");

    [Fact]
    public async Task Ready_lists_database_quartz_and_node_with_durations_and_no_connection_details()
    {
        await using var app = new CoopAppFactory();
        using var client = app.CreateClient();

        var live = await client.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken);
        var ready = await UntilReadyAsync(client);
        var alias = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(HttpStatusCode.OK, alias.StatusCode);
        var body = await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var checks = Checks(body);
        Assert.Equal(["database", "node", "quartz"], checks.Keys.Order());
        Assert.All(checks.Values, c => Assert.Equal("Healthy", c.Status));
        Assert.All(checks.Values, c => Assert.True(c.DurationMs >= 0));
        Assert.DoesNotContain("Data Source", body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(".db", body, StringComparison.OrdinalIgnoreCase);
        Assert.Empty(Checks(await live.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)));
        Assert.Equal(checks.Keys.Order(), Checks(await alias.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Keys.Order());
    }

    [Fact]
    public async Task Ready_is_503_when_the_sqlite_file_is_replaced_by_an_unmigrated_one_and_live_stays_200()
    {
        var dir = TestSettings.NewTempDirectory();
        var file = Path.Combine(dir, "coop.db");
        await using var app = new CoopAppFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = nameof(DatabaseProvider.Sqlite),
            ["Database:ConnectionString"] = $"Data Source={file};Pooling=False",
        });
        using var client = app.CreateClient();
        await UntilReadyAsync(client);

        // The file is replaced by an empty database: reachable, but not migrated.
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { file, file + "-wal", file + "-shm" })
        {
            File.Delete(path);
        }

        await using (var empty = new SqliteConnection($"Data Source={file};Pooling=False"))
        {
            await empty.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = empty.CreateCommand();
            command.CommandText = "CREATE TABLE unrelated (id INTEGER PRIMARY KEY)";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var database = Checks(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))["database"];
        Assert.Equal("Unhealthy", database.Status);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Ready_is_503_when_the_postgres_server_goes_away_and_live_stays_200()
    {
        Assert.SkipUnless(TestDatabase.IsAvailable(DatabaseProvider.Postgres), "PostgreSQL is not configured for this run.");
        var database = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        await using var app = new CoopAppFactory(database.Settings());
        using var client = app.CreateClient();
        await UntilReadyAsync(client);

        await database.DisposeAsync();

        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var body = await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Equal("Unhealthy", Checks(body)["database"].Status);
        Assert.DoesNotContain("coop_test_", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Ready_is_503_when_redis_is_configured_but_down_and_live_stays_200()
    {
        await using var app = new CoopAppFactory(new Dictionary<string, string?> { ["Realtime:Redis"] = $"127.0.0.1:{ClosedPort()},connectTimeout=1000" });
        using var client = app.CreateClient();

        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        var checks = Checks(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal("Unhealthy", checks["redis"].Status);
        Assert.Equal("Healthy", checks["database"].Status);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health/live", UriKind.Relative), TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task Ready_pings_redis_when_it_is_configured_and_up()
    {
        Assert.SkipWhen(string.IsNullOrEmpty(Redis), "Redis is not configured for this run (COOP_TEST_REDIS).");
        await using var app = new CoopAppFactory(new Dictionary<string, string?> { ["Realtime:Redis"] = Redis });
        using var client = app.CreateClient();

        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", Checks(await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))["redis"].Status);
    }

    /// <summary>
    /// /health/ready once it answers 200. A node is rightly not ready for a moment after it starts: Quartz starts its scheduler
    /// only once the application has started, and the readiness check waits for it.
    /// </summary>
    private static async Task<HttpResponseMessage> UntilReadyAsync(HttpClient client)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
            if (ready.StatusCode == HttpStatusCode.OK)
            {
                return ready;
            }

            var body = await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(30), $"/health/ready still answered {(int)ready.StatusCode} after 30 s: {body}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }

    internal static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Dictionary<string, Check> Checks(string body)
    {
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(
            c => c.GetProperty("name").GetString()!,
            c => new Check(c.GetProperty("status").GetString()!, c.GetProperty("durationMs").GetDouble(),
                c.TryGetProperty("description", out var d) ? d.GetString() ?? string.Empty : string.Empty));
    }

    private sealed record Check(string Status, double DurationMs, string Description);
}
