using Coop.Domain.Webhooks;

namespace Coop.Web.Features.Actions.Webhooks;

/// <summary>One outbound message as the delivery log lists it. Never carries header values or the body.</summary>
public sealed record DeliveryRow(
    string Id,
    DateTime CreatedAt,
    string Kind,
    string? ActionId,
    string? ItemId,
    string? ItemTypeId,
    string TargetHost,
    OutboxStatus Status,
    int AttemptCount,
    DateTime? LastAttemptAt,
    int? LastStatusCode,
    string? LastError,
    int? LastDurationMs,
    DateTime NextAttemptAt)
{
    public bool CanRetry => Status is OutboxStatus.Failed or OutboxStatus.Dead;

    /// <summary>Host and port only: a URL's path or query may carry a token.</summary>
    public static string HostOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Authority : "(invalid URL)";
}
