using System.Diagnostics;
using Coop.Domain.Webhooks;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Coop.Infrastructure.Webhooks;

/// <summary>
/// Delivers due outbox messages (docs/adr/0004-webhook-outbox.md) in batches. A batch is claimed with one
/// conditional UPDATE that stamps a single lease token on every row it wins, so several nodes can run this
/// side by side and each message is sent by one of them at a time. The claimed rows are loaded in one query,
/// sent in parallel, and their results written back in a few SaveChanges (every <see cref="FlushInterval"/>
/// or <see cref="FlushSize"/> results), each only where the row still carries this batch's token.
/// Runs on start (picking up whatever an earlier process left), then whenever a producer rings, a retry
/// falls due, or the poll interval passes.
/// </summary>
internal sealed partial class WebhookDispatcher(
    IDbContextFactory<CoopDbContext> factory,
    WebhookSender sender,
    WebhookDispatchSignal signal,
    IOptionsMonitor<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger,
    IEnumerable<IWebhookDeliveryObserver> observers) : BackgroundService
{
    /// <summary>Results are written at least this often, so a slow target does not hold fast results back.</summary>
    internal static readonly TimeSpan FlushInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>Results are written as soon as this many are waiting.</summary>
    internal const int FlushSize = 100;

    private static readonly TimeSpan MinimumWait = TimeSpan.FromMilliseconds(20);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.DispatcherEnabled)
        {
            LogDisabled(logger);
            return;
        }

        await Task.Yield();

        // Send slots are shared by the batch being finished and the next one, so claiming overlaps sending.
        using var slots = new SemaphoreSlim(options.CurrentValue.MaxConcurrency);
        var running = new List<Task>();
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                TimeSpan wait;
                try
                {
                    running.RemoveAll(t => t.IsCompleted);
                    if (running.Count >= 2)
                    {
                        await Task.WhenAny(running);
                        continue;
                    }

                    var settings = options.CurrentValue;
                    var clock = Stopwatch.StartNew();
                    var batch = await ClaimAsync(settings, stoppingToken);
                    var full = batch.Found >= settings.BatchSize;
                    if (batch.Messages.Count > 0)
                    {
                        var allStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                        var delivery = DeliverAsync(batch, settings, slots, allStarted, clock, stoppingToken);
                        running.Add(delivery);
                        // A full batch: claim the next one as soon as this one's last message has a slot. Otherwise finish
                        // it first, so the wait below sees the retry times it set.
                        await (full ? Task.WhenAny(allStarted.Task, delivery) : delivery);
                    }

                    wait = full ? TimeSpan.Zero : await UntilNextDueAsync(stoppingToken);
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
        finally
        {
            await Task.WhenAll(running).ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>Claims and delivers one batch of due messages; returns how many were due and how many this node claimed.</summary>
    internal async Task<(int Found, int Claimed)> DispatchDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var clock = Stopwatch.StartNew();
        var batch = await ClaimAsync(settings, cancellationToken);
        if (batch.Messages.Count > 0)
        {
            using var slots = new SemaphoreSlim(settings.MaxConcurrency);
            await DeliverAsync(batch, settings, slots, null, clock, cancellationToken);
        }

        return (batch.Found, batch.Messages.Count);
    }

    /// <summary>
    /// Sends a claimed batch through the shared slots (at most MaxConcurrency POSTs in flight) and records the results.
    /// Only stopping ends it with an exception; whatever it did not send or record is released.
    /// </summary>
    private async Task DeliverAsync(
        Batch batch, WebhookOptions settings, SemaphoreSlim slots, TaskCompletionSource? allStarted, Stopwatch clock, CancellationToken cancellationToken)
    {
        var claimedIn = clock.Elapsed;
        using var recorder = new Recorder(this, batch.Token, settings);
        var writer = recorder.RunAsync();
        var skipped = 0;
        var waiting = batch.Messages.Count;
        try
        {
            await Task.WhenAll(batch.Messages.Select(async message =>
            {
                await slots.WaitAsync(cancellationToken);
                try
                {
                    if (Interlocked.Decrement(ref waiting) == 0)
                    {
                        allStarted?.TrySetResult();
                    }

                    await SendOneAsync(message, batch, settings, recorder, () => Interlocked.Increment(ref skipped), cancellationToken);
                }
                finally
                {
                    slots.Release();
                }
            }));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            LogLoopFailed(logger, ex);
        }
        finally
        {
            allStarted?.TrySetResult();
            recorder.Complete();
            await writer;
            // Whatever was claimed but not sent or recorded (stopping, or skipped for lack of lease) goes back at once.
            await ReleaseAsync(batch.Messages.Select(m => m.Id).Except(recorder.Done).ToList(), batch.Token);
        }

        LogBatch(logger, batch.Messages.Count, batch.Found, (long)claimedIn.TotalMilliseconds, (long)clock.Elapsed.TotalMilliseconds,
            recorder.Flushes, skipped);
    }

    private async Task SendOneAsync(
        OutboxMessage message, Batch batch, WebhookOptions settings, Recorder recorder, Action skip, CancellationToken cancellationToken)
    {
        // Messages wait their turn inside the batch while the lease runs: send only with room to record the result.
        // A message is sent only if its lease still has room for a whole attempt plus half the lease margin (15 s by default),
        // so its result is written before the lease can pass to another node.
        if (time.GetUtcNow().UtcDateTime + settings.Timeout + (settings.LeaseMargin / 2) > batch.LeaseUntil)
        {
            skip();
            return;
        }

        DeliveryResult result;
        try
        {
            result = await sender.SendAsync(message, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Left claimed: the lease runs out and the message is tried again then, not in a tight loop.
            LogSendFailed(logger, message.Id, ex);
            recorder.Abandon(message.Id);
            return;
        }

        recorder.Add(message, result);
    }

    private sealed record Batch(int Found, string Token, DateTime LeaseUntil, IReadOnlyList<OutboxMessage> Messages);

    /// <summary>Three statements on one connection: pick the due ids, claim them with one conditional UPDATE, load what was won.</summary>
    private async Task<Batch> ClaimAsync(WebhookOptions settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var token = Guid.NewGuid().ToString("N");
        DateTime? leaseUntil = now + settings.Lease;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var due = await Claimable(db.OutboxMessages, now).OrderBy(m => m.NextAttemptAt).Select(m => m.Id)
            .Take(settings.BatchSize).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return new Batch(0, token, leaseUntil.Value, []);
        }

        // The claim. The claimable condition is on the updated rows themselves, so a row another node claimed
        // between the SELECT and this UPDATE is re-checked against its new version and skipped.
        var claimed = await Claimable(db.OutboxMessages.Where(m => due.Contains(m.Id)), now)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.LeaseUntil, leaseUntil).SetProperty(m => m.LeaseToken, token), cancellationToken);
        if (claimed == 0)
        {
            return new Batch(due.Count, token, leaseUntil.Value, []);
        }

        var messages = await db.OutboxMessages.AsNoTracking().Where(m => due.Contains(m.Id) && m.LeaseToken == token)
            .OrderBy(m => m.NextAttemptAt).ToListAsync(cancellationToken);
        return new Batch(due.Count, token, leaseUntil.Value, messages);
    }

    /// <summary>Writes results in groups: one load and one SaveChanges per group, only for rows still holding the batch's token.</summary>
    private sealed class Recorder(WebhookDispatcher dispatcher, string token, WebhookOptions settings) : IDisposable
    {
        private readonly Lock gate = new();
        private readonly List<(OutboxMessage Message, DeliveryResult Result)> waiting = [];
        private readonly HashSet<string> done = new(StringComparer.Ordinal);
        private readonly SemaphoreSlim ready = new(0);
        private bool completed;

        public int Flushes { get; private set; }

        /// <summary>Ids whose result was written (or dropped for a lost lease) or that were abandoned: not to be released.</summary>
        public IReadOnlyCollection<string> Done
        {
            get
            {
                lock (gate)
                {
                    return [.. done];
                }
            }
        }

        public void Add(OutboxMessage message, DeliveryResult result)
        {
            bool full;
            lock (gate)
            {
                waiting.Add((message, result));
                full = waiting.Count == FlushSize;
            }

            if (full)
            {
                ready.Release();
            }
        }

        public void Abandon(string id)
        {
            lock (gate)
            {
                done.Add(id);
            }
        }

        public void Dispose() => ready.Dispose();

        public void Complete()
        {
            lock (gate)
            {
                completed = true;
            }

            ready.Release();
        }

        public async Task RunAsync()
        {
            while (true)
            {
                await ready.WaitAsync(FlushInterval, CancellationToken.None);
                List<(OutboxMessage Message, DeliveryResult Result)> group;
                bool last;
                lock (gate)
                {
                    group = [.. waiting];
                    waiting.Clear();
                    last = completed;
                }

                if (group.Count > 0)
                {
                    if (await dispatcher.TryRecordAsync(group, token, settings))
                    {
                        Flushes++;
                    }

                    lock (gate)
                    {
                        done.UnionWith(group.Select(g => g.Message.Id));
                    }
                }

                if (last)
                {
                    return;
                }
            }
        }
    }

    private async Task<bool> TryRecordAsync(IReadOnlyList<(OutboxMessage Message, DeliveryResult Result)> group, string token, WebhookOptions settings)
    {
        try
        {
            await RecordAsync(group, token, settings);
            return true;
        }
        catch (Exception ex)
        {
            // Not written: the rows keep their lease and go out again when it passes (at-least-once).
            LogLoopFailed(logger, ex);
            return false;
        }
    }

    private async Task RecordAsync(IReadOnlyList<(OutboxMessage Message, DeliveryResult Result)> group, string token, WebhookOptions settings)
    {
        var ids = group.Select(g => g.Message.Id).ToList();
        await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
        var held = await db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.LeaseToken == token)
            .ToDictionaryAsync(m => m.Id, StringComparer.Ordinal, CancellationToken.None);
        var now = time.GetUtcNow().UtcDateTime;
        var recorded = new List<(OutboxMessage Message, DeliveryAttempt Attempt, DeliveryResult Result)>(group.Count);
        foreach (var (message, result) in group)
        {
            if (!held.TryGetValue(message.Id, out var tracked))
            {
                LogLeaseLost(logger, message.Id);
                continue;
            }

            var attempt = tracked.RecordAttempt(result.StartedAt, result.Duration, result.StatusCode, result.Error, result.Outcome,
                settings.RetryPolicy, now, result.RetryAfter);
            db.DeliveryAttempts.Add(attempt);
            recorded.Add((tracked, attempt, result));
        }

        await db.SaveChangesAsync(CancellationToken.None);
        foreach (var (message, attempt, result) in recorded)
        {
            LogAttempt(logger, message.Id, attempt.AttemptNumber, message.Kind, HostOf(message.TargetUrl), result.Outcome, result.StatusCode,
                attempt.DurationMs, message.Status);
        }

        if (recorded.Count > 0)
        {
            List<WebhookDeliveryRecorded> told = [.. recorded.Select(r => new WebhookDeliveryRecorded(
                r.Message.Id, r.Message.OrganizationId, r.Message.ItemTypeId, r.Message.ItemId, r.Message.Status))];
            foreach (var observer in observers)
            {
                try
                {
                    await observer.RecordedAsync(told, CancellationToken.None);
                }
                catch (Exception ex)
                {
                    LogObserverFailed(logger, ex);
                }
            }
        }
    }

    private async Task ReleaseAsync(List<string> ids, string token)
    {
        if (ids.Count == 0)
        {
            return;
        }

        try
        {
            await using var db = await factory.CreateDbContextAsync(CancellationToken.None);
            await db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.LeaseToken == token)
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "A webhook delivery observer failed; deliveries are unaffected")]
    private static partial void LogObserverFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Webhook {MessageId}: the attempt failed unexpectedly; it is tried again when its lease runs out")]
    private static partial void LogSendFailed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Webhook {MessageId}: the lease ran out during delivery and another claim took it; this attempt's result is dropped")]
    private static partial void LogLeaseLost(ILogger logger, string messageId);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Webhook batch: {Claimed} of {Found} due claimed in {ClaimMs} ms, sent and recorded in {TotalMs} ms ({Flushes} writes, {Skipped} left for lack of lease)")]
    private static partial void LogBatch(ILogger logger, int claimed, int found, long claimMs, long totalMs, int flushes, int skipped);

    [LoggerMessage(Level = LogLevel.Information,
        Message = "Webhook {MessageId} attempt {Attempt} ({Kind} to {Host}): {Outcome} {StatusCode} in {DurationMs} ms; now {Status}")]
    private static partial void LogAttempt(
        ILogger logger, string messageId, int attempt, string kind, string host, DeliveryOutcome outcome, int? statusCode, int durationMs, OutboxStatus status);
}
