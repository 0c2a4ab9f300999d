using Coop.Infrastructure.Webhooks;

namespace Coop.Infrastructure.Telemetry;

/// <summary>Counts every recorded webhook delivery attempt by its resulting status (Delivered, Pending = will retry, Failed, Dead).</summary>
internal sealed class WebhookMetricsObserver : IWebhookDeliveryObserver
{
    public Task RecordedAsync(IReadOnlyList<WebhookDeliveryRecorded> deliveries, CancellationToken cancellationToken)
    {
        foreach (var delivery in deliveries)
        {
            CoopMetrics.RecordWebhookDelivery(delivery.Status.ToString());
        }

        return Task.CompletedTask;
    }
}
