using Coop.Infrastructure.Persistence;
using Coop.Web.Realtime;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace Coop.Web.Features.Strikes;

/// <summary>
/// Records strikes that have lapsed (sets <c>ExpiredAt</c>) and tells live screens about each user whose score fell.
/// The score never waits for this job — it compares with each strike's expiry — so it only keeps the user history and
/// open screens true. Safe on several nodes: the update is conditional, so a strike is recorded once.
/// </summary>
[DisallowConcurrentExecution]
internal sealed partial class StrikeExpiryJob(IDbContextFactory<CoopDbContext> factory, ILiveEvents live, TimeProvider time, ILogger<StrikeExpiryJob> logger)
    : IJob
{
    public static readonly JobKey Key = new("strike-expiry", "strikes");

    public const int BatchSize = 500;

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) => await RunAsync(cancellationToken);

    /// <summary>Records every strike lapsed by now, a batch at a time; returns how many.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var total = 0;
        while (true)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var due = await db.UserStrikes.AsNoTracking()
                .Where(s => s.ExpiredAt == null && s.ExpiresAt <= now && s.RemovedAt == null)
                .OrderBy(s => s.ExpiresAt).Take(BatchSize)
                .Select(s => new { s.Id, s.OrganizationId, s.UserItemTypeId, s.UserItemId })
                .ToListAsync(cancellationToken);
            if (due.Count == 0)
            {
                break;
            }

            var ids = due.Select(s => s.Id).ToList();
            var recorded = await db.UserStrikes.Where(s => ids.Contains(s.Id) && s.ExpiredAt == null)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.ExpiredAt, x => x.ExpiresAt), cancellationToken);
            total += recorded;
            foreach (var user in due.DistinctBy(s => (s.OrganizationId, s.UserItemTypeId, s.UserItemId)))
            {
                await live.PublishAsync(new LiveEvent(user.OrganizationId, LiveTopics.Item(user.OrganizationId, user.UserItemTypeId, user.UserItemId),
                    LiveEventKinds.ItemChanged, user.UserItemId), cancellationToken);
            }

            if (due.Count < BatchSize)
            {
                break;
            }
        }

        if (total > 0)
        {
            LogExpired(total);
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Recorded {Count} lapsed strike(s)")]
    private partial void LogExpired(int count);
}
