using System.Threading.Channels;

namespace Coop.Infrastructure.Webhooks;

/// <summary>A doorbell: any number of rings before the dispatcher looks collapse into one.</summary>
internal sealed class WebhookDispatchSignal
{
    private readonly Channel<bool> channel = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    public void Ring() => channel.Writer.TryWrite(true);

    /// <summary>Completes when rung (consuming the ring) or when <paramref name="cancellationToken"/> fires.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken)
    {
        await channel.Reader.WaitToReadAsync(cancellationToken);
        channel.Reader.TryRead(out _);
    }
}
