namespace Coop.Domain.Webhooks;

/// <summary>Where an outbound message is in its life.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting for its next attempt (the first, or a retry after a retryable failure).</summary>
    Pending = 0,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered = 1,

    /// <summary>A failure that retrying cannot fix: a 4xx answer (other than 408/429), a redirect, or a refused address.</summary>
    Failed = 2,

    /// <summary>Every attempt of the round failed in a retryable way; nothing more happens unless an admin retries.</summary>
    Dead = 3,
}
