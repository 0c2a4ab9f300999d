using Microsoft.Extensions.Options;

namespace Coop.Web.Features.Actions.Bulk;

/// <summary>
/// Runs the bulk action processor in the background: on start (resuming whatever a stopped process left running), whenever a run
/// is created on this node, and every poll interval.
/// </summary>
internal sealed partial class BulkActionWorker(
    BulkActionProcessor processor, BulkActionSignal signal, IOptionsMonitor<BulkActionOptions> options, ILogger<BulkActionWorker> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.WorkerEnabled)
        {
            LogDisabled();
            return;
        }

        await Task.Yield();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                foreach (var runId in await processor.ActiveRunsAsync(stoppingToken))
                {
                    await processor.RunAsync(runId, stoppingToken);
                }

                await signal.WaitAsync(options.CurrentValue.PollInterval, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                LogFailed(ex);
                try
                {
                    await Task.Delay(options.CurrentValue.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "The bulk action worker is disabled on this node (BulkActions:WorkerEnabled=false)")]
    private partial void LogDisabled();

    [LoggerMessage(Level = LogLevel.Error, Message = "The bulk action worker hit an error; it resumes shortly")]
    private partial void LogFailed(Exception exception);
}
