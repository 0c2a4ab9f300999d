namespace Coop.Domain.Webhooks;

/// <summary>How one delivery attempt ended.</summary>
public enum DeliveryOutcome
{
    /// <summary>2xx.</summary>
    Delivered = 0,

    /// <summary>5xx, 408, 429, a timeout or a connection error: worth another attempt.</summary>
    RetryableFailure = 1,

    /// <summary>4xx (other than 408/429), a redirect or an invalid target: not retried.</summary>
    PermanentFailure = 2,

    /// <summary>The outbound policy refused the target address (loopback, private, link-local…): not retried.</summary>
    Refused = 3,
}
