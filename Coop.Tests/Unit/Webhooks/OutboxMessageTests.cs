using Coop.Domain.Webhooks;

namespace Coop.Tests.Unit.Webhooks;

[Trait("Category", "Unit")]
public sealed class OutboxMessageTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly DeliveryRetryPolicy Policy = DeliveryRetryPolicy.Default;

    private static OutboxMessage NewMessage() =>
        OutboxMessage.Create("org", OutboxMessageKinds.ActionCallback, "https://platform.example/hooks", "{}", null, Now);

    [Fact]
    public void Retryable_failures_back_off_2_4_8_16_seconds_and_the_fifth_makes_it_dead()
    {
        var message = NewMessage();
        var now = Now;
        var waits = new List<double>();
        for (var i = 1; i <= 4; i++)
        {
            message.RecordAttempt(now, TimeSpan.FromMilliseconds(5), 503, "HTTP 503", DeliveryOutcome.RetryableFailure, Policy, now);
            Assert.Equal(OutboxStatus.Pending, message.Status);
            waits.Add((message.NextAttemptAt - now).TotalSeconds);
            now = message.NextAttemptAt;
        }

        var last = message.RecordAttempt(now, TimeSpan.Zero, 503, null, DeliveryOutcome.RetryableFailure, Policy, now);

        Assert.Equal([2, 4, 8, 16], waits);
        Assert.Equal(OutboxStatus.Dead, message.Status);
        Assert.Equal(5, last.AttemptNumber);
    }

    [Theory]
    [InlineData(DeliveryOutcome.PermanentFailure, OutboxStatus.Failed)]
    [InlineData(DeliveryOutcome.Refused, OutboxStatus.Failed)]
    [InlineData(DeliveryOutcome.Delivered, OutboxStatus.Delivered)]
    public void Final_outcomes_end_the_message_after_one_attempt(DeliveryOutcome outcome, OutboxStatus status)
    {
        var message = NewMessage();

        message.RecordAttempt(Now, TimeSpan.Zero, null, null, outcome, Policy, Now);

        Assert.Equal(status, message.Status);
        Assert.Equal(status == OutboxStatus.Delivered ? Now : null, message.DeliveredAt);
    }

    [Fact]
    public void Retry_now_gives_a_dead_message_a_new_round_and_keeps_numbering_attempts()
    {
        var message = NewMessage();
        var policy = Policy with { MaxAttempts = 1 };
        message.RecordAttempt(Now, TimeSpan.Zero, 500, null, DeliveryOutcome.RetryableFailure, policy, Now);
        Assert.Equal(OutboxStatus.Dead, message.Status);

        message.RetryNow(Now.AddMinutes(1));
        var attempt = message.RecordAttempt(Now.AddMinutes(1), TimeSpan.Zero, 200, null, DeliveryOutcome.Delivered, policy, Now.AddMinutes(1));

        Assert.Equal(2, attempt.AttemptNumber);
        Assert.Equal(OutboxStatus.Delivered, message.Status);
        Assert.Throws<InvalidOperationException>(() => message.RetryNow(Now));
    }

    [Fact]
    public void Retry_after_from_the_receiver_stretches_the_wait_up_to_the_cap()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), Policy.DelayAfter(1, TimeSpan.FromSeconds(30)));
        Assert.Equal(TimeSpan.FromMinutes(15), Policy.DelayAfter(1, TimeSpan.FromHours(3)));
        Assert.Equal(TimeSpan.FromSeconds(4), Policy.DelayAfter(2, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void Long_errors_are_truncated()
    {
        var message = NewMessage();

        var attempt = message.RecordAttempt(Now, TimeSpan.Zero, 500, new string('x', 5000), DeliveryOutcome.RetryableFailure, Policy, Now);

        Assert.Equal(DeliveryAttempt.ErrorMaxLength, attempt.Error!.Length);
    }
}
