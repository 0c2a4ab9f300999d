using System.Collections.Concurrent;
using Coop.Tests.Support;
using Coop.Web.Jobs;
using Coop.Web.Realtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Coop.Tests.Integration.Cluster;

/// <summary>The Redis live-event bus between two "nodes" (two buses, two connections) on the test Redis, and the job store's guard.</summary>
[Trait("Category", "Integration")]
public sealed class RedisLiveEventsTests
{
    [Fact]
    public async Task Every_subscriber_on_every_node_hears_each_event_once_including_the_publishers_own()
    {
        Assert.SkipWhen(string.IsNullOrEmpty(TestSettings.Redis), "Redis is not configured for this run (COOP_TEST_REDIS; ./test.sh starts one).");
        var ct = TestContext.Current.CancellationToken;
        var options = new RealtimeOptions { Redis = TestSettings.Redis, ChannelPrefix = "coop-test-" + Guid.NewGuid().ToString("N")[..8] };
        using var redisA = await ConnectionMultiplexer.ConnectAsync(TestSettings.Redis!);
        using var redisB = await ConnectionMultiplexer.ConnectAsync(TestSettings.Redis!);
        var nodeA = new RedisLiveEvents(redisA, options, NullLoggerFactory.Instance);
        var nodeB = new RedisLiveEvents(redisB, options, NullLoggerFactory.Instance);
        await nodeA.StartAsync(ct);
        await nodeB.StartAsync(ct);
        var heard = new ConcurrentQueue<string>();
        using var a1 = nodeA.Subscribe("queue/q1", e => Record(heard, "A-q1", e));
        using var aAll = nodeA.SubscribeAll(e => Record(heard, "A-all", e));
        using var b1 = nodeB.Subscribe("queue/q1", e => Record(heard, "B-q1", e));
        using var b2 = nodeB.Subscribe("queue/q2", e => Record(heard, "B-q2", e));
        var publishedHereA = new ConcurrentQueue<string>();
        using var bridgeA = nodeA.SubscribeAllPublishedHere(e => Record(publishedHereA, "A", e));
        var publishedHereB = new ConcurrentQueue<string>();
        using var bridgeB = nodeB.SubscribeAllPublishedHere(e => Record(publishedHereB, "B", e));

        await nodeA.PublishAsync(new LiveEvent("org", "queue/q1", LiveEventKinds.JobClaimed, "job-1", "ana"), ct);
        await nodeB.PublishAsync(new LiveEvent("org", "queue/q2", LiveEventKinds.JobClosed, "job-2"), ct);

        var expected = new[] { "A-q1 job-1", "A-all job-1", "B-q1 job-1", "A-all job-2", "B-q2 job-2" };
        for (var i = 0; i < 100 && heard.Count < expected.Length; i++)
        {
            await Task.Delay(50, ct);
        }

        // Nothing more arrives late: each subscriber heard each event once.
        await Task.Delay(500, ct);
        Assert.Equal(expected.Order(), heard.Order());
        Assert.Equal(["A job-1"], publishedHereA);
        Assert.Equal(["B job-2"], publishedHereB);
        await nodeA.StopAsync(ct);
        await nodeB.StopAsync(ct);
    }

    [Fact]
    public void A_database_job_store_is_refused_on_SQLite_with_a_clear_message()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Jobs:Store"] = "Database",
        }).Build();

        var refused = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddCoopJobs(configuration));

        Assert.Contains("Jobs:Store is Database, which needs PostgreSQL or SQL Server", refused.Message, StringComparison.Ordinal);
    }

    private static Task Record(ConcurrentQueue<string> into, string who, LiveEvent e)
    {
        into.Enqueue($"{who} {e.EntityId}");
        return Task.CompletedTask;
    }
}
