using Coop.Domain.Webhooks;

namespace Coop.Infrastructure.Webhooks;

/// <summary>One recorded delivery attempt, as the dispatcher tells observers after it commits.</summary>
public sealed record WebhookDeliveryRecorded(string MessageId, string OrganizationId, string? ItemTypeId, string? ItemId, OutboxStatus Status);

/// <summary>
/// Told about delivery attempts after they are saved (a group at a time), so the web layer can announce them
/// live. Optional: without one registered nothing is told. Never lets an exception reach the dispatcher.
/// </summary>
public interface IWebhookDeliveryObserver
{
    Task RecordedAsync(IReadOnlyList<WebhookDeliveryRecorded> deliveries, CancellationToken cancellationToken);
}
