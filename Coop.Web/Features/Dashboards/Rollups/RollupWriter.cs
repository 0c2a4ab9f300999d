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
/// one): one upsert statement per event adding to the hour's cells, and one adding to the organization's local day's
/// daily cells (<see cref="DashboardDailyCounter"/>) once the job has built them. The roll-up job recomputes the recent hours from the
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
        var job = await db.ReviewJobs.AsNoTracking().Where(j => j.Id == jobId)
            .Select(j => new
            {
                j.OrganizationId, j.QueueId, j.CreatedAt, ClaimedBefore = db.JobEvents.Any(e => e.JobId == jobId && e.Kind == JobEventKind.Claimed),
                Zone = db.DashboardDailyStates.Where(s => s.OrganizationId == j.OrganizationId).Select(s => s.TimeZone).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (job is { ClaimedBefore: false })
        {
            await OnFirstClaimAsync(db, job.OrganizationId, job.QueueId, job.CreatedAt, claimedAt, new DailyZone(job.OrganizationId, job.Zone), cancellationToken);
        }
    }

    /// <summary>
    /// A job's first claim, when the caller already read the job (<see cref="OnClaimedAsync"/> reads it) and, when given, its
    /// organization's <paramref name="dailyZone"/> in the same query (else it is read here).
    /// </summary>
    public static Task OnFirstClaimAsync(
        CoopDbContext db, string organizationId, string queueId, DateTime jobCreatedAt, DateTime claimedAt, DailyZone? dailyZone = null,
        CancellationToken cancellationToken = default) =>
        ApplyAsync(db, RollupFacts.For(new FirstClaimFact(organizationId, queueId, jobCreatedAt, claimedAt)), dailyZone, cancellationToken);

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

    /// <summary>
    /// A job was decided (and ran these executions). The caller reads, with the job and before its transaction, when the
    /// reviewer last claimed it (the start of their handle time) and the organization's <see cref="DailyZone"/>, so the
    /// decision's transaction runs no read for the roll-up.
    /// </summary>
    public static Task OnDecidedAsync(
        CoopDbContext db, ReviewJob job, DecisionKind kind, string? reviewerUserId, DateTime decidedAt, IEnumerable<ActionExecution> executions,
        DateTime? claimedAt, DailyZone? dailyZone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(job);
        var deltas = RollupFacts.For(new DecisionFact(job.OrganizationId, job.QueueId, kind, reviewerUserId, job.CreatedAt, decidedAt, claimedAt))
            .Concat(RollupFacts.For(executions.Select(ToFact)));
        return ApplyAsync(db, deltas, dailyZone, cancellationToken);
    }

    internal static ExecutionFact ToFact(ActionExecution e) => new(e.OrganizationId, e.ActionId, e.Source, e.Policies, e.CorrelationId, e.ExecutedAt);

    /// <summary>
    /// Adds <paramref name="deltas"/> to their cells (creating them). In a transaction the additions are gathered and written
    /// in one statement just before it commits (<see cref="CoopDbContext.BeforeCommit{T}"/>): the current hour's cells of a
    /// queue are shared by every claim and decision in it, and a cell's row lock is held from the write to the commit.
    /// </summary>
    public static Task ApplyAsync(CoopDbContext db, IEnumerable<CounterDelta> deltas, CancellationToken cancellationToken = default) =>
        ApplyAsync(db, deltas, dailyZone: null, cancellationToken);

    /// <summary><see cref="ApplyAsync(CoopDbContext, IEnumerable{CounterDelta}, CancellationToken)"/> with an organization's daily zone the caller already read.</summary>
    public static async Task ApplyAsync(CoopDbContext db, IEnumerable<CounterDelta> deltas, DailyZone? dailyZone, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(deltas);
        if (db.BeforeCommit(PendingKey, () => new PendingCounters(), (pending, token) => WriteAsync(db, pending.Deltas, replace: false, pending.Zones, token)) is { } gathered)
        {
            if (dailyZone is { } known)
            {
                gathered.Zones.TryAdd(known.OrganizationId, known.TimeZone);
            }

            // The organization's daily zone is read now, before the commit's writes, so nothing but the writes waits at the end.
            foreach (var delta in deltas)
            {
                if (!gathered.Zones.ContainsKey(delta.OrganizationId))
                {
                    gathered.Zones[delta.OrganizationId] = await DailyZoneQuery(db, delta.OrganizationId).FirstOrDefaultAsync(cancellationToken);
                }

                gathered.Deltas.Add(delta);
            }

            return;
        }

        await WriteAsync(db, deltas, replace: false, dailyZone is { } given ? new(StringComparer.Ordinal) { [given.OrganizationId] = given.TimeZone } : null, cancellationToken);
    }

    /// <summary>Adds <paramref name="deltas"/> to their cells now, in the transaction's order (the roll-up job, which reads them back).</summary>
    internal static Task ApplyNowAsync(CoopDbContext db, IEnumerable<CounterDelta> deltas, CancellationToken cancellationToken = default) =>
        WriteAsync(db, deltas, replace: false, zones: null, cancellationToken);

    private const string PendingKey = "dashboard-counters";

    /// <summary>A transaction's additions, written when it commits, and its organizations' daily zones (null: no daily cells yet).</summary>
    private sealed class PendingCounters
    {
        public List<CounterDelta> Deltas { get; } = [];

        public Dictionary<string, string?> Zones { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Sets cells to the values given (levels such as queue depth).</summary>
    public static Task SetAsync(CoopDbContext db, IEnumerable<CounterDelta> values, CancellationToken cancellationToken = default) =>
        WriteAsync(db, values, replace: true, zones: null, cancellationToken);

    private static async Task WriteAsync(
        CoopDbContext db, IEnumerable<CounterDelta> deltas, bool replace, Dictionary<string, string?>? zones, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        IReadOnlyList<CounterDelta> cells = replace ? [.. deltas.GroupBy(d => d.Key).Select(g => g.Last())] : RollupFacts.Combine(deltas);
        if (cells.Count == 0)
        {
            return;
        }

        // In key order, so two transactions adding to the same cells lock them in the same order and never wait for each other.
        cells = [.. cells.OrderBy(c => c.OrganizationId, StringComparer.Ordinal).ThenBy(c => c.Series, StringComparer.Ordinal)
            .ThenBy(c => c.HourStart).ThenBy(c => c.Key1, StringComparer.Ordinal).ThenBy(c => c.Key2, StringComparer.Ordinal)];
        var batch = new UpsertBatch(db);
        batch.Add("DashboardCounters", "HourStart", cells, replace ? Merge.Replace : Merge.Add);

        // The same events on the organization's local day, in the zone its daily cells are built in (none yet: the job builds them).
        foreach (var org in cells.GroupBy(c => c.OrganizationId))
        {
            var zoneId = zones is not null && zones.TryGetValue(org.Key, out var known)
                ? known
                : await DailyZoneQuery(db, org.Key).FirstOrDefaultAsync(cancellationToken);
            if (zoneId is null)
            {
                continue;
            }

            var zone = DashboardTime.Zone(zoneId);
            var daily = org.Select(c => c with { HourStart = RollupPlan.DayStartOf(c.HourStart, zone) });
            batch.Add("DashboardDailyCounters", "DayStart", replace ? [.. daily.GroupBy(d => d.Key).Select(g => g.MaxBy(d => d.Value))] : RollupFacts.Combine(daily),
                replace ? Merge.Max : Merge.Add);
        }

        await batch.ExecuteAsync(cancellationToken);
    }

    /// <summary>The zone an organization's daily cells are built in (none until the roll-up job built them).</summary>
    internal static IQueryable<string> DailyZoneQuery(CoopDbContext db, string organizationId) =>
        db.DashboardDailyStates.AsNoTracking().Where(s => s.OrganizationId == organizationId).Select(s => s.TimeZone);

    /// <summary>
    /// Call first in a transaction that deletes and rewrites cells (the roll-up job's). On PostgreSQL it locks both counter
    /// tables against other writers until the transaction ends (<c>SHARE ROW EXCLUSIVE</c>: reads go on; claims' and
    /// decisions' increments wait the few milliseconds of a slice). Without it, the job's <c>DELETE</c> locked cells in index
    /// order while a decision's increment locked its cells in its own order, and PostgreSQL broke the cycle by failing
    /// one of them — decisions failed with "deadlock detected" while the job ran (S6 on PostgreSQL: 3 of about 4,000).
    /// The lock is taken before any row lock, so it only waits: for increments already under way to commit.
    /// SQLite's writers take turns anyway.
    /// </summary>
    internal static async Task LockForReplaceAsync(CoopDbContext db, CancellationToken cancellationToken)
    {
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync(
                "LOCK TABLE \"DashboardCounters\", \"DashboardDailyCounters\" IN SHARE ROW EXCLUSIVE MODE", cancellationToken);
        }
    }

    /// <summary>Writes daily cells as given (the job's rebuild of whole days, after deleting them).</summary>
    internal static Task SetDailyAsync(CoopDbContext db, IReadOnlyList<CounterDelta> cells, CancellationToken cancellationToken)
    {
        var batch = new UpsertBatch(db);
        batch.Add("DashboardDailyCounters", "DayStart", cells, Merge.Replace);
        return batch.ExecuteAsync(cancellationToken);
    }

    private enum Merge
    {
        Add,
        Replace,
        Max,
    }

    /// <summary>
    /// Upsert statements sent together: one command (one round trip) per <see cref="ParametersPerCommand"/> parameters, each
    /// statement at most <see cref="CellsPerStatement"/> cells.
    /// </summary>
    private sealed class UpsertBatch(CoopDbContext db)
    {
        // SQL Server takes at most 2,100 parameters per command.
        private const int ParametersPerCommand = 1800;

        private readonly bool sqlServer = db.Database.IsSqlServer();
        private readonly bool postgres = db.Database.IsNpgsql();
        private readonly List<(StringBuilder Sql, List<object> Parameters)> commands = [];

        public void Add(string table, string timeColumn, IReadOnlyList<CounterDelta> cells, Merge merge)
        {
            foreach (var chunk in cells.Chunk(CellsPerStatement))
            {
                if (commands.Count == 0 || commands[^1].Parameters.Count + (chunk.Length * 6) > ParametersPerCommand)
                {
                    commands.Add((new StringBuilder(), new List<object>(chunk.Length * 6)));
                }

                var (sql, parameters) = commands[^1];
                Append(sql, parameters, table, timeColumn, chunk, merge);
            }
        }

        public async Task ExecuteAsync(CancellationToken cancellationToken)
        {
            foreach (var (sql, parameters) in commands)
            {
                await db.Database.ExecuteSqlRawAsync(sql.ToString(), parameters, cancellationToken);
            }
        }

        private void Append(StringBuilder sql, List<object> parameters, string table, string timeColumn, CounterDelta[] chunk, Merge merge)
        {
            var rows = new List<string>(chunk.Length);
            foreach (var cell in chunk)
            {
                var i = parameters.Count;
                rows.Add(string.Create(CultureInfo.InvariantCulture, $"({{{i}}}, {{{i + 1}}}, {{{i + 2}}}, {{{i + 3}}}, {{{i + 4}}}, {{{i + 5}}})"));
                parameters.AddRange([cell.OrganizationId, cell.Series, DateTime.SpecifyKind(cell.HourStart, DateTimeKind.Utc), cell.Key1, cell.Key2, cell.Value]);
            }

            if (sqlServer)
            {
                sql.Append(CultureInfo.InvariantCulture, $"MERGE [{table}] WITH (HOLDLOCK) AS t USING (VALUES ").AppendJoin(", ", rows)
                    .Append(CultureInfo.InvariantCulture, $") AS s ([OrganizationId], [Series], [{timeColumn}], [Key1], [Key2], [Value]) ON t.[OrganizationId] = s.[OrganizationId] ")
                    .Append(CultureInfo.InvariantCulture, $"AND t.[Series] = s.[Series] AND t.[{timeColumn}] = s.[{timeColumn}] AND t.[Key1] = s.[Key1] AND t.[Key2] = s.[Key2] ")
                    .Append(merge switch
                    {
                        Merge.Replace => "WHEN MATCHED THEN UPDATE SET [Value] = s.[Value] ",
                        Merge.Max => "WHEN MATCHED THEN UPDATE SET [Value] = CASE WHEN s.[Value] > t.[Value] THEN s.[Value] ELSE t.[Value] END ",
                        _ => "WHEN MATCHED THEN UPDATE SET [Value] = t.[Value] + s.[Value] ",
                    })
                    .Append(CultureInfo.InvariantCulture, $"WHEN NOT MATCHED THEN INSERT ([OrganizationId], [Series], [{timeColumn}], [Key1], [Key2], [Value]) ")
                    .Append(CultureInfo.InvariantCulture, $"VALUES (s.[OrganizationId], s.[Series], s.[{timeColumn}], s.[Key1], s.[Key2], s.[Value]);\n");
                return;
            }

            sql.Append(CultureInfo.InvariantCulture, $"INSERT INTO \"{table}\" (\"OrganizationId\", \"Series\", \"{timeColumn}\", \"Key1\", \"Key2\", \"Value\") VALUES ")
                .AppendJoin(", ", rows)
                .Append(CultureInfo.InvariantCulture, $" ON CONFLICT (\"OrganizationId\", \"Series\", \"{timeColumn}\", \"Key1\", \"Key2\") DO UPDATE SET \"Value\" = ")
                .Append(merge switch
                {
                    Merge.Replace => "excluded.\"Value\"",
                    Merge.Max => postgres
                        ? $"GREATEST(\"{table}\".\"Value\", excluded.\"Value\")"
                        : $"MAX(\"{table}\".\"Value\", excluded.\"Value\")",
                    _ => $"\"{table}\".\"Value\" + excluded.\"Value\"",
                })
                .Append(";\n");
        }
    }
}

/// <summary>
/// The zone an organization's daily roll-up cells are built in, as a caller read it with its own facts
/// (the organization's <c>DashboardDailyStates</c> row, read in its query); <paramref name="TimeZone"/> null: no daily cells yet.
/// </summary>
public readonly record struct DailyZone(string OrganizationId, string? TimeZone);
