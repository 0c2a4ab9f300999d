namespace Coop.Domain.Webhooks;

/// <summary>One try at delivering an <see cref="OutboxMessage"/>: when, how long, what came back.</summary>
public sealed class DeliveryAttempt
{
    public const int ErrorMaxLength = 1000;

    private DeliveryAttempt()
    {
    }

    public long Id { get; private set; }

    public string OutboxMessageId { get; private set; } = string.Empty;

    /// <summary>1 for the first attempt; keeps counting across manual retries.</summary>
    public int AttemptNumber { get; private set; }

    public DateTime StartedAt { get; private set; }

    public int DurationMs { get; private set; }

    /// <summary>The HTTP status the receiver answered, or null when no answer came (timeout, refused, connection error).</summary>
    public int? StatusCode { get; private set; }

    /// <summary>What went wrong, truncated; never holds header values or the body.</summary>
    public string? Error { get; private set; }

    public DeliveryOutcome Outcome { get; private set; }

    internal static DeliveryAttempt Create(
        string messageId, int attemptNumber, DateTime startedAtUtc, TimeSpan duration, int? statusCode, string? error, DeliveryOutcome outcome) =>
        new()
        {
            OutboxMessageId = messageId,
            AttemptNumber = attemptNumber,
            StartedAt = DateTime.SpecifyKind(startedAtUtc, DateTimeKind.Utc),
            DurationMs = (int)Math.Clamp(duration.TotalMilliseconds, 0, int.MaxValue),
            StatusCode = statusCode,
            Error = Truncate(error),
            Outcome = outcome,
        };

    internal static string? Truncate(string? text) =>
        text is null ? null : text.Length <= ErrorMaxLength ? text : string.Concat(text.AsSpan(0, ErrorMaxLength - 1), "…");
}
