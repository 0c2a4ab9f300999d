using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Coop.Infrastructure.Telemetry;

/// <summary>
/// The <c>Coop</c> meter and activity source, and every instrument Coop records (one line at each place it happens).
/// Tags carry ids and kinds only, never content, names or emails. Queue depth is an observable gauge over a snapshot
/// the dashboard roll-up job refreshes, so a scrape never queries the database.
/// </summary>
public static class CoopMetrics
{
    public const string Name = "Coop";

    public static readonly Meter Meter = new(Name, typeof(CoopMetrics).Assembly.GetName().Version?.ToString());

    public static readonly ActivitySource ActivitySource = new(Name);

    private static readonly ConcurrentDictionary<(string OrganizationId, string QueueId), int> Depths = new();

    private static readonly Histogram<double> ClaimDuration = Meter.CreateHistogram<double>(
        "coop.review.claim.duration", "s", "Time taken to claim the next job of a queue (the claim call, not the wait in the queue).");

    private static readonly Counter<long> Decisions = Meter.CreateCounter<long>(
        "coop.review.decisions", "{decision}", "Review decisions recorded, by kind.");

    private static readonly Counter<long> WebhookDeliveries = Meter.CreateCounter<long>(
        "coop.webhook.deliveries", "{delivery}", "Action webhook delivery attempts recorded, by outcome.");

    private static readonly Counter<long> CyberTiplineCalls = Meter.CreateCounter<long>(
        "coop.cybertipline.calls", "{call}", "Calls to NCMEC's CyberTipline API, by endpoint and outcome.");

    private static readonly Counter<long> ItemsIngested = Meter.CreateCounter<long>(
        "coop.items.ingested", "{item}", "Items accepted through the platform API.");

    static CoopMetrics()
    {
        Meter.CreateObservableGauge("coop.queue.depth", ObserveDepths, "{job}", "Open jobs per review queue, as of the last roll-up snapshot.");
    }

    /// <summary>Replaces an organization's queue depth snapshot (called by the roll-up job after it counts).</summary>
    public static void SetQueueDepths(string organizationId, IEnumerable<KeyValuePair<string, int>> depths)
    {
        foreach (var key in Depths.Keys.Where(k => k.OrganizationId == organizationId))
        {
            Depths.TryRemove(key, out _);
        }

        foreach (var (queueId, count) in depths)
        {
            Depths[(organizationId, queueId)] = count;
        }
    }

    public static void RecordClaim(TimeSpan elapsed, bool claimed) =>
        ClaimDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("coop.claim.result", claimed ? "claimed" : "empty"));

    public static void RecordDecision(string organizationId, string kind) =>
        Decisions.Add(1, new("coop.organization.id", organizationId), new("coop.decision.kind", kind));

    public static void RecordWebhookDelivery(string outcome) =>
        WebhookDeliveries.Add(1, new KeyValuePair<string, object?>("coop.webhook.outcome", outcome));

    public static void RecordCyberTiplineCall(string endpoint, string outcome) =>
        CyberTiplineCalls.Add(1, new("coop.cybertipline.endpoint", endpoint), new("coop.cybertipline.outcome", outcome));

    public static void RecordItemsIngested(string organizationId, int count) =>
        ItemsIngested.Add(count, new KeyValuePair<string, object?>("coop.organization.id", organizationId));

    private static IEnumerable<Measurement<int>> ObserveDepths() =>
        Depths.Select(d => new Measurement<int>(d.Value, new("coop.organization.id", d.Key.OrganizationId), new("coop.queue.id", d.Key.QueueId)));
}
