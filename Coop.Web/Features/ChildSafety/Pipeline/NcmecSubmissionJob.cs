using Coop.Domain.ChildSafety;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Quartz;

namespace Coop.Web.Features.ChildSafety.Pipeline;

/// <summary>
/// Files CyberTipline reports in batches: claims up to <see cref="NcmecPipelineOptions.BatchSize"/> due submissions
/// (pending, part-sent, or filed with a preservation call due) with a lease — a conditional UPDATE, so two nodes never
/// work on the same submission at once — and drives each through <see cref="NcmecSubmissionProcessor"/>, one after another.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class NcmecSubmissionJob(
    IDbContextFactory<CoopDbContext> factory, IServiceProvider services, IOptionsMonitor<NcmecPipelineOptions> options, TimeProvider time,
    ILogger<NcmecSubmissionJob> logger) : IJob
{
    public static readonly JobKey Key = new("ncmec-submissions", "child-safety");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    /// <summary>Claims and processes one batch; returns how many submissions this node worked on.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        if (services.GetService<Coop.Domain.ChildSafety.ICyberTiplineClient>() is null)
        {
            LogNoClient(logger);
            return 0;
        }

        var processor = services.GetRequiredService<NcmecSubmissionProcessor>();
        var (token, ids) = await ClaimAsync(cancellationToken);
        foreach (var id in ids)
        {
            try
            {
                await processor.ProcessAsync(id, token, cancellationToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                LogProcessingFailed(logger, ex, id);
            }
            finally
            {
                await ReleaseAsync(id, token, CancellationToken.None);
            }
        }

        return ids.Count;
    }

    private async Task<(string Token, IReadOnlyList<string> Ids)> ClaimAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = time.GetUtcNow().UtcDateTime;
        var token = Guid.NewGuid().ToString("N");
        DateTime? until = now + settings.Lease;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var due = await Claimable(db.NcmecSubmissions, now).OrderBy(s => s.NextAttemptAt).Select(s => s.Id)
            .Take(Math.Max(1, settings.BatchSize)).ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return (token, []);
        }

        await Claimable(db.NcmecSubmissions.Where(s => due.Contains(s.Id)), now)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseUntil, until).SetProperty(x => x.LeaseToken, token), cancellationToken);
        var claimed = await db.NcmecSubmissions.AsNoTracking().Where(s => due.Contains(s.Id) && s.LeaseToken == token)
            .OrderBy(s => s.NextAttemptAt).Select(s => s.Id).ToListAsync(cancellationToken);
        return (token, claimed);
    }

    private async Task ReleaseAsync(string id, string token, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.NcmecSubmissions.Where(s => s.Id == id && s.LeaseToken == token)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LeaseUntil, (DateTime?)null).SetProperty(x => x.LeaseToken, (string?)null), cancellationToken);
    }

    /// <summary>Due work: not Done or Failed (Filed ones only while a preservation call or post-report step remains), due, not leased.</summary>
    internal static IQueryable<NcmecSubmission> Claimable(IQueryable<NcmecSubmission> submissions, DateTime now) =>
        submissions.Where(s => (s.State == NcmecSubmissionState.Pending || s.State == NcmecSubmissionState.Opened
                || s.State == NcmecSubmissionState.Finishing || s.State == NcmecSubmissionState.Filed)
            && s.NextAttemptAt <= now && (s.LeaseUntil == null || s.LeaseUntil < now));

    [LoggerMessage(Level = LogLevel.Warning, Message = "NCMEC submissions are waiting but no CyberTipline client is registered")]
    private static partial void LogNoClient(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "NCMEC submission {SubmissionId} could not be processed; it is retried on a later run")]
    private static partial void LogProcessingFailed(ILogger logger, Exception exception, string submissionId);
}
