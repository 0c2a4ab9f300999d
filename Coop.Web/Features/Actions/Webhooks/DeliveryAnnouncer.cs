using Coop.Infrastructure.Webhooks;
using Coop.Web.Realtime;

namespace Coop.Web.Features.Actions.Webhooks;

/// <summary>Announces recorded callback attempts on their item's live topic, so an open item page shows the delivery status change.</summary>
internal sealed class DeliveryAnnouncer(ILiveEvents live) : IWebhookDeliveryObserver
{
    public async Task RecordedAsync(IReadOnlyList<WebhookDeliveryRecorded> deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        foreach (var delivery in deliveries.Where(d => d.ItemTypeId is not null && d.ItemId is not null)
                     .DistinctBy(d => (d.OrganizationId, d.ItemTypeId, d.ItemId)))
        {
            await live.PublishAsync(new LiveEvent(delivery.OrganizationId, LiveTopics.Item(delivery.OrganizationId, delivery.ItemTypeId!, delivery.ItemId!),
                LiveEventKinds.DeliveryRecorded, delivery.MessageId), cancellationToken);
        }
    }
}
