using Coop.Web.Features.Ingestion.Submissions;
using Microsoft.Extensions.Time.Testing;

namespace Coop.Tests.Unit.Ingestion;

[Trait("Category", "Unit")]
public sealed class BatchPacerTests
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task The_first_batch_and_one_after_a_quiet_spell_start_at_once()
    {
        var time = new FakeTimeProvider();
        var pacer = new BatchPacer(Interval, time);
        var ct = TestContext.Current.CancellationToken;

        Assert.True(pacer.WaitTurnAsync(ct).IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(21));
        Assert.True(pacer.WaitTurnAsync(ct).IsCompleted);
        time.Advance(TimeSpan.FromSeconds(5));
        var afterPause = pacer.WaitTurnAsync(ct);
        Assert.True(afterPause.IsCompleted);
        await afterPause;
    }

    [Fact]
    public async Task A_batch_asked_for_sooner_waits_out_the_rest_of_the_interval_from_the_previous_start()
    {
        var time = new FakeTimeProvider();
        var pacer = new BatchPacer(Interval, time);
        var ct = TestContext.Current.CancellationToken;
        await pacer.WaitTurnAsync(ct);

        time.Advance(TimeSpan.FromMilliseconds(5));
        var next = pacer.WaitTurnAsync(ct);
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(14));
        Assert.False(next.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await next.WaitAsync(TimeSpan.FromSeconds(5), ct);

        // The interval runs from that batch's start, not from when it was asked for.
        time.Advance(TimeSpan.FromMilliseconds(19));
        var third = pacer.WaitTurnAsync(ct);
        Assert.False(third.IsCompleted);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await third.WaitAsync(TimeSpan.FromSeconds(5), ct);
    }

    [Fact]
    public async Task A_zero_interval_never_waits()
    {
        var pacer = new BatchPacer(TimeSpan.Zero, new FakeTimeProvider());
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 3; i++)
        {
            Assert.True(pacer.WaitTurnAsync(ct).IsCompleted);
        }

        await pacer.WaitTurnAsync(ct);
    }
}
