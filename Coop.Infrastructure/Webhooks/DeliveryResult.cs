using Coop.Domain.Webhooks;

namespace Coop.Infrastructure.Webhooks;

/// <summary>What one POST did: the facts a <see cref="DeliveryAttempt"/> records, and a Retry-After if one came.</summary>
public sealed record DeliveryResult(
    DateTime StartedAt, TimeSpan Duration, int? StatusCode, string? Error, DeliveryOutcome Outcome, TimeSpan? RetryAfter = null);
