using System.Globalization;
using System.Text;
using Coop.Domain.Actions;
using Coop.Domain.Dashboards;
using Coop.Domain.Moderation;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Dashboards.Rollups;

/// <summary>
/// Adds events to the dashboard roll-ups as they happen, on the caller's context (and so in its transaction when it has
/// one): one upsert statement per event, adding to the hour's cells. The roll-up job recomputes the recent hours from the
/// source tables through the same <see cref="RollupFacts"/>, so a missed or doubled increment is corrected within minutes.
/// </summary>
public static class RollupWriter
{
    private const int CellsPerStatement = 50;

    /// <summary>A job opened in a queue.</summary>
    public static Task OnJobOpenedAsync(CoopDbContext db, ReviewJob job, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        return ApplyAsync(db, RollupFacts.For(new ArrivalFact(job.OrganizationId, job.QueueId, job.CreatedAt)), cancellationToken);
    }

    /// <summary>A job was claimed; call it before the claim's <see cref="JobEvent"/> is saved (only a job's first claim counts).</summary>
    public static async Task OnClaimedAsync(CoopDbContext db, string jobId, DateTime claimedAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (await db.JobEvents.AnyAsync(e => e.JobId == jobId && e.Kind == JobEventKind.Claimed, cancellationToken))
        {
            return;
        }

        var job = await db.ReviewJobs.AsNoTracking().Where(j => j.Id == jobId)
            .Select(j => new { j.OrganizationId, j.QueueId, j.CreatedAt }).SingleOrDefaultAsync(cancellationToken);
        if (job is not null)
        {
            await ApplyAsync(db, RollupFacts.For(new FirstClaimFact(job.OrganizationId, job.QueueId, job.CreatedAt, claimedAt)), cancellationToken);
        }
    }

    /// <summary>A reviewer skipped a job.</summary>
    public static async Task OnSkippedAsync(CoopDbContext db, string jobId, string userId, DateTime at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var job = await db.ReviewJobs.AsNoTracking().Where(j => j.Id == jobId)
            .Select(j => new { j.OrganizationId, j.QueueId }).SingleOrDefaultAsync(cancellationToken);
        if (job is not null)
        {
            await ApplyAsync(db, RollupFacts.For(new SkipFact(job.OrganizationId, job.QueueId, userId, at)), cancellationToken);
        }
    }

    /// <summary>A job was decided (and ran these executions).</summary>
    public static async Task OnDecidedAsync(
        CoopDbContext db, ReviewJob job, DecisionKind kind, string? reviewerUserId, DateTime decidedAt, IEnumerable<ActionExecution> executions,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(job);
        DateTime? claimedAt = reviewerUserId is null ? null : await LastClaimQuery(db, job.Id, reviewerUserId).FirstOrDefaultAsync(cancellationToken);
        var deltas = RollupFacts.For(new DecisionFact(job.OrganizationId, job.QueueId, kind, reviewerUserId, job.CreatedAt, decidedAt, claimedAt))
            .Concat(RollupFacts.For(executions.Select(ToFact)));
        await ApplyAsync(db, deltas, cancellationToken);
    }

    /// <summary>When the reviewer last claimed the job (the start of their handle time).</summary>
    internal static IQueryable<DateTime?> LastClaimQuery(CoopDbContext db, string jobId, string userId) =>
        db.JobEvents.Where(e => e.JobId == jobId && e.Kind == JobEventKind.Claimed && e.UserId == userId)
            .OrderByDescending(e => e.Id).Select(e => (DateTime?)e.At);

    internal static ExecutionFact ToFact(ActionExecution e) => new(e.OrganizationId, e.ActionId, e.Source, e.Policies, e.CorrelationId, e.ExecutedAt);

    /// <summary>Adds <paramref name="deltas"/> to their cells (creating them).</summary>
    public static Task ApplyAsync(CoopDbContext db, IEnumerable<CounterDelta> deltas, CancellationToken cancellationToken = default) =>
        WriteAsync(db, deltas, replace: false, cancellationToken);

    /// <summary>Sets cells to the values given (levels such as queue depth).</summary>
    public static Task SetAsync(CoopDbContext db, IEnumerable<CounterDelta> values, CancellationToken cancellationToken = default) =>
        WriteAsync(db, values, replace: true, cancellationToken);

    private static async Task WriteAsync(CoopDbContext db, IEnumerable<CounterDelta> deltas, bool replace, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var cells = replace ? [.. deltas.GroupBy(d => d.Key).Select(g => g.Last())] : RollupFacts.Combine(deltas);
        var sqlServer = db.Database.ProviderName?.Contains("SqlServer", StringComparison.Ordinal) == true;
        foreach (var chunk in cells.Chunk(CellsPerStatement))
        {
            var sql = new StringBuilder();
            var parameters = new List<object>(chunk.Length * 6);
            var rows = new List<string>(chunk.Length);
            foreach (var cell in chunk)
            {
                var i = parameters.Count;
                rows.Add(string.Create(CultureInfo.InvariantCulture, $"({{{i}}}, {{{i + 1}}}, {{{i + 2}}}, {{{i + 3}}}, {{{i + 4}}}, {{{i + 5}}})"));
                parameters.AddRange([cell.OrganizationId, cell.Series, DateTime.SpecifyKind(cell.HourStart, DateTimeKind.Utc), cell.Key1, cell.Key2, cell.Value]);
            }

            if (sqlServer)
            {
                sql.Append("MERGE [DashboardCounters] WITH (HOLDLOCK) AS t USING (VALUES ").AppendJoin(", ", rows)
                    .Append(") AS s ([OrganizationId], [Series], [HourStart], [Key1], [Key2], [Value]) ON t.[OrganizationId] = s.[OrganizationId] ")
                    .Append("AND t.[Series] = s.[Series] AND t.[HourStart] = s.[HourStart] AND t.[Key1] = s.[Key1] AND t.[Key2] = s.[Key2] ")
                    .Append(replace ? "WHEN MATCHED THEN UPDATE SET [Value] = s.[Value] " : "WHEN MATCHED THEN UPDATE SET [Value] = t.[Value] + s.[Value] ")
                    .Append("WHEN NOT MATCHED THEN INSERT ([OrganizationId], [Series], [HourStart], [Key1], [Key2], [Value]) ")
                    .Append("VALUES (s.[OrganizationId], s.[Series], s.[HourStart], s.[Key1], s.[Key2], s.[Value]);");
            }
            else
            {
                sql.Append("INSERT INTO \"DashboardCounters\" (\"OrganizationId\", \"Series\", \"HourStart\", \"Key1\", \"Key2\", \"Value\") VALUES ")
                    .AppendJoin(", ", rows)
                    .Append(" ON CONFLICT (\"OrganizationId\", \"Series\", \"HourStart\", \"Key1\", \"Key2\") DO UPDATE SET \"Value\" = ")
                    .Append(replace ? "excluded.\"Value\"" : "\"DashboardCounters\".\"Value\" + excluded.\"Value\"");
            }

            await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
        }
    }
}
