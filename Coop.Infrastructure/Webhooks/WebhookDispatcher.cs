using Coop.Domain.Webhooks;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coop.Infrastructure.Webhooks;

/// <summary>
/// Delivers due outbox messages (docs/adr/0004-webhook-outbox.md). Each message is claimed with one
/// atomic conditional UPDATE (a lease), so several nodes can run this side by side and each message
/// is sent by one of them at a time. Runs on start (picking up whatever an earlier process left), then
/// whenever a producer rings, a retry falls due, or the poll interval passes.
/// </summary>
internal sealed partial class WebhookDispatcher(
    IDbContextFactory<CoopDbContext> factory,
    WebhookSender sender,
    WebhookDispatchSignal signal,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.DispatcherEnabled)
        {
            LogDisabled(logger);
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            TimeSpan wait;
            try
            {
                var (found, _) = await DispatchDueAsync(stoppingToken);
                wait = found >= options.CurrentValue.BatchSize ? TimeSpan.Zero : await UntilNextDueAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogLoopFailed(logger, ex);
                wait = options.CurrentValue.PollInterval;
            }

            if (wait > TimeSpan.Zero)
            {
                await WaitAsync(wait, stoppingToken);
            }
        }
    }

    /// <summary>Claims and delivers one batch of due messages; returns how many were due and how many this node delivered.</summary>
    internal async Task<(int Found, int Claimed)> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow().UtcDateTime;
        List<string> due;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            due = await Claimable(db.OutboxMessages, now).OrderBy(m => m.NextAttemptAt).Select(m => m.Id)
                .Take(settings.BatchSize).ToListAsync(cancellationToken);
        }

        var claimed = 0;
        await Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = settings.MaxConcurrency, CancellationToken = cancellationToken },
            async (id, ct) =>
            {
                if (await DeliverAsync(id, ct))
                {
                    Interlocked.Increment(ref claimed);
                }
            });
        return (due.Count, claimed);
    }

    private async Task<bool> DeliverAsync(string id, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var token = Guid.NewGuid().ToString("N");
        var now = time.GetUtcNow().UtcDateTime;
        DateTime? leaseUntil = now + settings.Lease;
        OutboxMessage? message;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            // The claim: one conditional UPDATE. Only the node whose update touched the row sends it.
            var affected = await Claimable(db.OutboxMessages.Where(m => m.Id == id), now)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, leaseUntil).SetProperty(m => m.LeaseToken, token), cancellationToken);
            if (affected != 1)
            {
                return false;
            }

            message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
        }

        DeliveryResult result;
        try
        {
            result = await sender.SendAsync(message, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await ReleaseAsync(id, token);
            throw;
        }

        await using (var db = await factory.CreateDbContextAsync(CancellationToken.None))
        {
            var tracked = await db.OutboxMessages.SingleAsync(m => m.Id == id, CancellationToken.None);
            if (tracked.LeaseToken != token)
            {
                LogLeaseLost(logger, id);
                return true;
            }

            var attempt = tracked.RecordAttempt(result.StartedAt, result.Duration, result.StatusCode, result.Error, result.Outcome,
                settings.RetryPolicy, time.GetUtcNow().UtcDateTime, result.RetryAfter);
            db.DeliveryAttempts.Add(attempt);
            await db.SaveChangesAsync(CancellationToken.None);
            LogAttempt(logger, id, attempt.AttemptNumber, message.Kind, HostOf(message.TargetUrl), result.Outcome, result.StatusCode,
                attempt.DurationMs, tracked.Status);
        }

        return true;
    }

    private async Task ReleaseAsync(string id, string token)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
            await db.OutboxMessages.Where(m => m.Id == id && m.LeaseToken == token)
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, (DateTime?)null).SetProperty(m => m.LeaseToken, (string?)null));
        }
        catch (Exception ex)
        {
            LogLoopFailed(logger, ex);
        }
    }

    private async Task<TimeSpan> UntilNextDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var next = await Claimable(db.OutboxMessages, DateTime.MaxValue, now)
            .MinAsync(m => (DateTime?)m.NextAttemptAt, cancellationToken);
        if (next is null)
        {
            return settings.PollInterval;
        }

        var wait = next.Value - now;
        return wait < MinimumWait ? MinimumWait : wait > settings.PollInterval ? settings.PollInterval : wait;
    }

    private async Task WaitAsync(TimeSpan wait, CancellationToken stoppingToken)
    {
        using var done = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var delay = Task.Delay(wait, time, done.Token);
        var rung = signal.WaitAsync(done.Token);
        await Task.WhenAny(delay, rung);
        await done.CancelAsync();
        await Task.WhenAll(delay, rung).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private static IQueryable<OutboxMessage> Claimable(IQueryable<OutboxMessage> messages, DateTime now) =>
        Claimable(messages, now, now);

    private static IQueryable<OutboxMessage> Claimable(IQueryable<OutboxMessage> messages, DateTime dueBy, DateTime now) =>
        messages.Where(m => m.Status == OutboxStatus.Pending && m.NextAttemptAt <= dueBy && (m.LeaseUntil == null || m.LeaseUntil < now));

    private static string HostOf(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) ? uri.Authority : "(invalid url)";

    [LoggerMessage(Level = LogLevel.Information, Message = "The webhook dispatcher is disabled on this node (Webhooks:DispatcherEnabled=false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "The webhook dispatcher hit an error; it carries on")]
    private static partial void LogLoopFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {MessageId}: the lease ran out during delivery and another claim took it; this attempt's result is dropped")]
    private static partial void LogLeaseLost(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Webhook {MessageId} attempt {Attempt} ({Kind} to {Host}): {Outcome} {StatusCode} in {DurationMs} ms; now {Status}")]
    private static partial void LogAttempt(
        ILogger logger, string messageId, int attempt, string kind, string host, DeliveryOutcome outcome, int? statusCode, int durationMs, OutboxStatus status);
}
