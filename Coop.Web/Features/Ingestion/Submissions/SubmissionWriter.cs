using System.Threading.Channels;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Coop.Web.Features.Ingestion.Submissions;

/// <summary>
/// Group commit for accepted API requests: concurrent requests hand their new rows to one writer, which
/// commits many requests in one transaction (one fsync instead of one per request), then releases each
/// request. A request answers 2xx only after its rows are committed; if a shared commit fails, each request
/// is retried alone so one bad request cannot sink the others.
/// </summary>
public sealed class SubmissionWriter(
    IDbContextFactory<CoopDbContext> factory,
    IngestionSignal signal,
    IngestionWriteGate gate,
    IOptions<IngestionOptions> options,
    ILogger<SubmissionWriter> logger) : BackgroundService
{
    private readonly Channel<PendingWrite> pending = Channel.CreateBounded<PendingWrite>(
        new BoundedChannelOptions(10_000) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    /// <summary>Commits what <paramref name="addRows"/> adds to a context, together with other requests' rows.</summary>
    public async Task WriteAsync(Action<CoopDbContext> addRows, CancellationToken cancellationToken)
    {
        var write = new PendingWrite(addRows, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        await pending.Writer.WriteAsync(write, cancellationToken);
        await write.Committed.Task.WaitAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<PendingWrite>();
        try
        {
            while (await pending.Reader.WaitToReadAsync(stoppingToken))
            {
                batch.Clear();
                while (batch.Count < options.Value.MaxRequestsPerCommit && pending.Reader.TryRead(out var write))
                {
                    batch.Add(write);
                }

                await CommitAsync(batch);
                signal.Notify();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: requests still waiting were never committed and will not get a 2xx.
            pending.Writer.TryComplete();
            while (pending.Reader.TryRead(out var write))
            {
                write.Committed.TrySetCanceled(stoppingToken);
            }
        }
    }

    private async Task CommitAsync(List<PendingWrite> batch)
    {
        try
        {
            await SaveAsync(batch);
            batch.ForEach(w => w.Committed.TrySetResult());
            return;
        }
        catch (Exception ex) when (batch.Count > 1)
        {
            logger.LogWarning(ex, "A group commit of {Count} requests failed; committing them one by one", batch.Count);
        }
        catch (Exception ex)
        {
            batch[0].Committed.TrySetException(ex);
            return;
        }

        foreach (var write in batch)
        {
            try
            {
                await SaveAsync([write]);
                write.Committed.TrySetResult();
            }
            catch (Exception ex)
            {
                write.Committed.TrySetException(ex);
            }
        }
    }

    private async Task SaveAsync(IReadOnlyList<PendingWrite> writes)
    {
        await using var db = await factory.CreateDbContextAsync();
        foreach (var write in writes)
        {
            write.AddRows(db);
        }

        using var turn = await gate.EnterAsync(CancellationToken.None);
        await db.SaveChangesAsync();
    }

    private sealed record PendingWrite(Action<CoopDbContext> AddRows, TaskCompletionSource Committed);
}
