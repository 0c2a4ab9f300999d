using Coop.Web.Features.Review.Claims;
using Microsoft.Extensions.Time.Testing;

namespace Coop.Tests.Unit.Review;

/// <summary>The work page's renewal consults the circuit's connection: it renews only while someone is connected.</summary>
[Trait("Category", "Unit")]
public sealed class ClaimRenewalTests
{
    private static readonly TimeSpan Every = TimeSpan.FromMinutes(1);

    [Fact]
    public async Task It_renews_every_interval_while_connected_never_while_the_connection_is_down_and_at_once_when_it_comes_back()
    {
        var clock = new FakeTimeProvider();
        var connection = new CircuitConnection();
        var handler = new CircuitConnectionHandler(connection);
        var renewals = new List<DateTimeOffset>();
        var start = clock.GetUtcNow();
        var renewal = new ClaimRenewal(clock, connection, Every, () =>
        {
            renewals.Add(clock.GetUtcNow());
            return Task.CompletedTask;
        });

        // The circuit's first connection (Blazor reports it as "up") is not a return: nothing extra.
        await handler.OnConnectionUpAsync(null!, TestContext.Current.CancellationToken);
        Advance(clock, 2);
        Assert.Equal([start + Every, start + (2 * Every)], renewals);

        await handler.OnConnectionDownAsync(null!, TestContext.Current.CancellationToken);
        Assert.False(connection.IsConnected);
        Advance(clock, 5);
        Assert.Equal(2, renewals.Count);

        var back = clock.GetUtcNow();
        await handler.OnConnectionUpAsync(null!, TestContext.Current.CancellationToken);
        Assert.True(connection.IsConnected);
        Assert.Equal(back, renewals[^1]);
        Advance(clock, 1);
        Assert.Equal(4, renewals.Count);

        await renewal.DisposeAsync();
        Advance(clock, 3);
        await handler.OnConnectionDownAsync(null!, TestContext.Current.CancellationToken);
        await handler.OnConnectionUpAsync(null!, TestContext.Current.CancellationToken);
        Assert.Equal(4, renewals.Count);
    }

    [Fact]
    public async Task A_page_outside_a_circuit_counts_as_connected_and_each_page_of_a_circuit_resumes_on_its_own()
    {
        var clock = new FakeTimeProvider();
        var connection = new CircuitConnection();
        Assert.True(connection.IsConnected);
        var first = 0;
        var second = 0;
        await using var one = new ClaimRenewal(clock, connection, Every, () => Task.FromResult(++first));
        await using var two = new ClaimRenewal(clock, connection, Every * 2, () => Task.FromResult(++second));
        var handler = new CircuitConnectionHandler(connection);

        await handler.OnConnectionDownAsync(null!, TestContext.Current.CancellationToken);
        Advance(clock, 4);
        await handler.OnConnectionUpAsync(null!, TestContext.Current.CancellationToken);
        Assert.Equal((1, 1), (first, second));
        Advance(clock, 2);
        Assert.Equal((3, 2), (first, second));
    }

    private static void Advance(FakeTimeProvider clock, int minutes)
    {
        for (var i = 0; i < minutes; i++)
        {
            clock.Advance(Every);
        }
    }
}
