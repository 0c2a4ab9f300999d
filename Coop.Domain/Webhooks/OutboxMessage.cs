using Coop.Domain.Common;

namespace Coop.Domain.Webhooks;

/// <summary>
/// A signed POST Coop owes a platform (an action callback, an appeal or ignore callback). It is written
/// in the same transaction as its cause and delivered afterwards by the dispatcher, at least once.
/// <see cref="Body"/> is the exact text sent and signed: the producer serializes it once.
/// <see cref="HeadersJson"/> holds secrets (a JSON object of header name → value): never log or show the values.
/// </summary>
public sealed class OutboxMessage
{
    public const int TargetUrlMaxLength = 2048;

    private OutboxMessage()
    {
    }

    public string Id { get; private set; } = string.Empty;

    public string OrganizationId { get; private set; } = string.Empty;

    /// <summary>See <see cref="OutboxMessageKinds"/>.</summary>
    public string Kind { get; private set; } = string.Empty;

    public string? ActionId { get; private set; }

    public string? ItemId { get; private set; }

    public string? ItemTypeId { get; private set; }

    public string TargetUrl { get; private set; } = string.Empty;

    public string HeadersJson { get; private set; } = "{}";

    public string Body { get; private set; } = string.Empty;

    public OutboxStatus Status { get; private set; }

    /// <summary>Attempts made so far, across manual retries (numbers the next <see cref="DeliveryAttempt"/>).</summary>
    public int AttemptCount { get; private set; }

    /// <summary>Attempts made in the current round; a manual retry starts a new round.</summary>
    public int RoundAttemptCount { get; private set; }

    public DateTime NextAttemptAt { get; private set; }

    /// <summary>Set while a dispatcher holds the message; another node may take it once this has passed.</summary>
    public DateTime? LeaseUntil { get; private set; }

    /// <summary>Which claim holds the lease, so a dispatcher whose lease ran out does not overwrite a newer claim's result.</summary>
    public string? LeaseToken { get; private set; }

    public DateTime CreatedAt { get; private set; }

    public DateTime? DeliveredAt { get; private set; }

    public DateTime? LastAttemptAt { get; private set; }

    public int? LastStatusCode { get; private set; }

    public string? LastError { get; private set; }

    public int? LastDurationMs { get; private set; }

    public static OutboxMessage Create(
        string organizationId, string kind, string targetUrl, string body, string? headersJson, DateTime nowUtc,
        string? actionId = null, string? itemId = null, string? itemTypeId = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(targetUrl);
        ArgumentNullException.ThrowIfNull(body);
        if (targetUrl.Length > TargetUrlMaxLength)
        {
            throw new ArgumentException($"A callback URL has at most {TargetUrlMaxLength} characters.", nameof(targetUrl));
        }

        var now = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        return new OutboxMessage
        {
            Id = Ids.New(),
            OrganizationId = organizationId,
            Kind = kind,
            TargetUrl = targetUrl.Trim(),
            Body = body,
            HeadersJson = string.IsNullOrWhiteSpace(headersJson) ? "{}" : headersJson,
            ActionId = actionId,
            ItemId = itemId,
            ItemTypeId = itemTypeId,
            Status = OutboxStatus.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        };
    }

    /// <summary>
    /// Records an attempt and moves the message on (and releases its lease):
    /// delivered, failed for good, retried after the policy's delay, or dead when the round is used up.
    /// Returns the attempt row to add.
    /// </summary>
    public DeliveryAttempt RecordAttempt(
        DateTime startedAtUtc, TimeSpan duration, int? statusCode, string? error, DeliveryOutcome outcome,
        DeliveryRetryPolicy policy, DateTime nowUtc, TimeSpan? retryAfter = null)
    {
        ArgumentNullException.ThrowIfNull(policy);
        AttemptCount++;
        RoundAttemptCount++;
        var attempt = DeliveryAttempt.Create(Id, AttemptCount, startedAtUtc, duration, statusCode, error, outcome);
        LastAttemptAt = attempt.StartedAt;
        LastStatusCode = statusCode;
        LastError = attempt.Error;
        LastDurationMs = attempt.DurationMs;
        LeaseUntil = null;
        LeaseToken = null;
        var now = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        switch (outcome)
        {
            case DeliveryOutcome.Delivered:
                Status = OutboxStatus.Delivered;
                DeliveredAt = now;
                break;
            case DeliveryOutcome.PermanentFailure:
            case DeliveryOutcome.Refused:
                Status = OutboxStatus.Failed;
                break;
            case DeliveryOutcome.RetryableFailure when RoundAttemptCount >= policy.MaxAttempts:
                Status = OutboxStatus.Dead;
                break;
            case DeliveryOutcome.RetryableFailure:
                Status = OutboxStatus.Pending;
                NextAttemptAt = now + policy.DelayAfter(RoundAttemptCount, retryAfter);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null);
        }

        return attempt;
    }

    /// <summary>An admin's "retry now": a failed or dead message gets a new round of attempts, starting at once.</summary>
    public void RetryNow(DateTime nowUtc)
    {
        if (Status is not (OutboxStatus.Failed or OutboxStatus.Dead))
        {
            throw new InvalidOperationException("Only a failed or dead delivery can be retried.");
        }

        Status = OutboxStatus.Pending;
        RoundAttemptCount = 0;
        NextAttemptAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        LeaseUntil = null;
        LeaseToken = null;
    }
}
