using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Coop.Domain.Authorization;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Coop.Infrastructure.Telemetry;
using Coop.Tests.Support;
using Coop.Web.Features.Dashboards.Rollups;
using Coop.Web.Features.Review.Claims;
using Coop.Web.Features.Review.Decisions;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Integration.Operations;

/// <summary>The Coop meter records where things happen, and OTLP/HTTP carries metrics and spans to a collector.</summary>
[Trait("Category", "Integration")]
public sealed class TelemetryTests
{
    private const string Moderator = "mod@acme.test";

    [Fact]
    public async Task Claims_decisions_ingestion_and_queue_depth_are_measured_in_process()
    {
        using var listener = new Recorder();
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite);
        var (queue, job) = await SeedQueueAsync(fixture);

        var claimed = await fixture.App.AsUserAsync(Moderator, s => s.SendAsync<ClaimNextJobCommand, ClaimedJob?>(new ClaimNextJobCommand(queue.Id)));
        await fixture.App.AsUserAsync(Moderator, s => s.SendAsync<SubmitDecisionCommand, DecisionOutcome>(new SubmitDecisionCommand(claimed!.JobId, DecisionKind.Ignore)));
        using var ingest = await fixture.Client.PostAsync("/api/v1/items/async/", """
            { "items": [ { "id": "p9", "typeId": "post", "data": { "text": "one" } }, { "id": "p10", "typeId": "post", "data": { "text": "two" } } ] }
            """);
        Assert.Equal(202, (int)ingest.StatusCode);
        await using (var db = await fixture.ContextAsync())
        {
            db.ReviewJobs.Add(ReviewJob.Open(fixture.OrganizationId, queue.Id, "post", "p2", JobSource.Report, TimeProvider.System.GetUtcNow().UtcDateTime));
            db.ReviewJobs.Add(ReviewJob.Open(fixture.OrganizationId, queue.Id, "post", "p3", JobSource.Report, TimeProvider.System.GetUtcNow().UtcDateTime));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        await ActivatorUtilities.CreateInstance<DashboardRollupJob>(fixture.App.Services).RunAsync(TestContext.Current.CancellationToken);
        listener.Observe();

        Assert.Equal(job.Id, claimed!.JobId);
        Assert.Equal(1, listener.Sum("coop.review.decisions", ("coop.organization.id", fixture.OrganizationId), ("coop.decision.kind", "Ignore")));
        Assert.Equal(2, listener.Sum("coop.items.ingested", ("coop.organization.id", fixture.OrganizationId)));
        Assert.True(listener.Count("coop.review.claim.duration", ("coop.claim.result", "claimed")) >= 1);
        Assert.Equal(2, listener.Last("coop.queue.depth", ("coop.organization.id", fixture.OrganizationId), ("coop.queue.id", queue.Id)));
    }

    [Fact]
    public async Task An_otlp_http_collector_receives_the_coop_metrics_and_the_request_and_decision_spans()
    {
        await using var collector = await OtlpReceiver.StartAsync();
        await using var fixture = await ApiFixture.StartAsync(DatabaseProvider.Sqlite, new Dictionary<string, string?>
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.BaseAddress.ToString().TrimEnd('/'),
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "250",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "100",
        });
        var (queue, _) = await SeedQueueAsync(fixture);
        var claimed = await fixture.App.AsUserAsync(Moderator, s => s.SendAsync<ClaimNextJobCommand, ClaimedJob?>(new ClaimNextJobCommand(queue.Id)));
        await fixture.App.AsUserAsync(Moderator, s => s.SendAsync<SubmitDecisionCommand, DecisionOutcome>(new SubmitDecisionCommand(claimed!.JobId, DecisionKind.Ignore)));
        using var ingest = await fixture.Client.PostAsync("/api/v1/items/async/", """{ "items": [ { "id": "p9", "typeId": "post", "data": { "text": "one" } } ] }""");

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!(collector.MetricPoints.Any(p => p.Metric == "coop.review.decisions" && p.Attributes.GetValueOrDefault("coop.organization.id") == fixture.OrganizationId)
                 && collector.MetricPoints.Any(p => p.Metric == "coop.items.ingested")
                 && collector.Spans.Any(s => s.Name == "coop.review.decision")
                 && collector.Spans.Any(s => s.Attributes.GetValueOrDefault("url.path") == "/api/v1/items/async/")))
        {
            await Task.Delay(100, timeout.Token);
        }

        var decisions = collector.MetricPoints.Where(p => p.Metric == "coop.review.decisions" && p.Attributes.GetValueOrDefault("coop.organization.id") == fixture.OrganizationId).ToList();
        Assert.All(decisions, p => Assert.Equal(CoopMetrics.Name, p.Scope));
        Assert.Contains(decisions, p => p.Attributes["coop.decision.kind"] == "Ignore" && p.Value == 1);
        Assert.Contains(collector.MetricPoints, p => p.Metric == "coop.review.claim.duration" && p.Scope == CoopMetrics.Name);
        Assert.Contains(collector.Spans, s => s.Name == "coop.review.decision" && s.Scope == CoopMetrics.Name);
        Assert.Contains(collector.Spans, s => s.Scope == "Microsoft.AspNetCore" && s.Attributes.GetValueOrDefault("http.request.method") == "POST");
        Assert.All(collector.ContentTypes, c => Assert.Equal("application/x-protobuf", c));
    }

    private static async Task<(ReviewQueue Queue, ReviewJob Job)> SeedQueueAsync(ApiFixture fixture)
    {
        await OrganizationBuilder.AddUserAsync(fixture.App, fixture.OrganizationId, Moderator, DefaultRoles.Moderator);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var queue = ReviewQueue.Create(fixture.OrganizationId, "Default", null, QueueKind.Standard, QueueOrdering.Age, true, now);
        var job = ReviewJob.Open(fixture.OrganizationId, queue.Id, "post", "p1", JobSource.Report, now.AddMinutes(-1));
        await using var db = await fixture.ContextAsync();
        db.ReviewQueues.Add(queue);
        db.ReviewJobs.Add(job);
        await db.SaveChangesAsync();
        return (queue, job);
    }

    /// <summary>Listens to the Coop meter; measurements are kept with their tags so parallel tests' can be told apart.</summary>
    private sealed class Recorder : IDisposable
    {
        private readonly MeterListener listener = new();
        private readonly ConcurrentQueue<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> measurements = new();

        public Recorder()
        {
            listener.InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == CoopMetrics.Name)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            };
            listener.SetMeasurementEventCallback<long>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray())));
            listener.SetMeasurementEventCallback<int>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray())));
            listener.SetMeasurementEventCallback<double>((i, v, tags, _) => measurements.Enqueue((i.Name, v, tags.ToArray())));
            listener.Start();
        }

        public void Observe() => listener.RecordObservableInstruments();

        public double Sum(string instrument, params (string Key, string Value)[] tags) => Matching(instrument, tags).Sum(m => m.Value);

        public int Count(string instrument, params (string Key, string Value)[] tags) => Matching(instrument, tags).Count();

        public double Last(string instrument, params (string Key, string Value)[] tags) => Matching(instrument, tags).Last().Value;

        public void Dispose() => listener.Dispose();

        private IEnumerable<(string Instrument, double Value, KeyValuePair<string, object?>[] Tags)> Matching(string instrument, (string Key, string Value)[] tags) =>
            measurements.Where(m => m.Instrument == instrument && tags.All(t => m.Tags.Any(k => k.Key == t.Key && Equals(k.Value, t.Value))));
    }
}
