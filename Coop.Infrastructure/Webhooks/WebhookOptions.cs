using System.ComponentModel.DataAnnotations;
using Coop.Domain.Webhooks;

namespace Coop.Infrastructure.Webhooks;

/// <summary>The <c>Webhooks</c> section: how the outbox dispatcher delivers.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Run the dispatcher in this process (turn off on nodes that must not send).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>How long one POST may take, connection included.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts per round (the first plus retries).</summary>
    [Range(1, 50)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The wait after the first failed attempt; it doubles after each further one.</summary>
    public TimeSpan BackoffBase { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often to look for due messages when nothing wakes the dispatcher (messages enqueued on other nodes).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Messages claimed at once (one UPDATE, one lease token); a full batch is followed at once by the next.</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 200;

    /// <summary>Deliveries in flight at once in this process.</summary>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 32;

    /// <summary>What a claim lasts beyond two attempt timeouts (room to record results on a slow database).</summary>
    public TimeSpan LeaseMargin { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a claim lasts: a node that dies mid-delivery releases its messages after this.</summary>
    public TimeSpan Lease => Timeout + Timeout + LeaseMargin;

    public DeliveryRetryPolicy RetryPolicy => new(MaxAttempts, BackoffBase, MaxBackoff);
}
