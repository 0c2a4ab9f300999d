using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Coop.Benchmarks.Harness;
using Quartz;

namespace Coop.Benchmarks.Scenarios;

/// <summary>
/// S7's set-based reference for the roll-up job: the same source rows the job reads for a window (arrivals, first claims,
/// skips, decisions with the claim time of each reviewer's job, action executions, reports, appeals), each grouped by hour and
/// key by one <c>INSERT … SELECT … GROUP BY</c> in the database, into a scratch table, in one transaction. Nothing comes back
/// to the application: this is the floor for recomputing a window, and the job's rows per second are scored against it.
/// </summary>
public static class SetBasedRollup
{
    private const string Table = "\"BenchRollupCells\"";

    /// <summary>Creates the scratch table (once per database).</summary>
    public static async Task CreateAsync(DbConnection connection, string provider, CancellationToken cancellationToken)
    {
        var text = provider == "sqlserver" ? "NVARCHAR(450)" : "TEXT";
        await ExecuteAsync(connection, null, $"""
            CREATE TABLE {Table} ("Series" {text} NOT NULL, "Hour" {text} NOT NULL, "Key1" {text} NULL, "Key2" {text} NULL, "Value" BIGINT NOT NULL)
            """, cancellationToken);
    }

    /// <summary>Recomputes every source's cells from <paramref name="fromUtc"/> on; returns the source rows grouped.</summary>
    public static async Task<long> RunAsync(DbConnection connection, string provider, string organizationId, DateTime fromUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await ExecuteAsync(connection, transaction, $"DELETE FROM {Table}", cancellationToken);
        var timings = new List<string>();
        foreach (var statement in Statements(provider))
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            await ExecuteAsync(connection, transaction, statement, cancellationToken, organizationId, fromUtc);
            timings.Add(string.Create(CultureInfo.InvariantCulture, $"{statement.Split('\'')[1]} {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms"));
        }

        Console.WriteLine("  set-based statements: " + string.Join(", ", timings));

        await using var count = connection.CreateCommand();
        count.Transaction = transaction;
        count.CommandText = $"SELECT COALESCE(SUM(\"Value\"), 0) FROM {Table} WHERE \"Series\" <> 'handle'";
        var rows = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        await transaction.CommitAsync(cancellationToken);
        return rows;
    }

    private static IEnumerable<string> Statements(string provider)
    {
        string Hour(string column) => provider switch
        {
            "postgres" => $"to_char({column}, 'YYYY-MM-DD HH24')",
            "sqlserver" => $"CONVERT(NVARCHAR(13), {column}, 120)",
            _ => $"substr({column}, 1, 13)",
        };
        // The reviewer's latest Claimed event, written as EF writes the job's query (its null-safe equality also keeps SQLite on the
        // JobId index: a plain UserId = ReviewerUserId made it walk every claim of the reviewer instead).
        var latestClaim = provider == "sqlserver"
            ? """(SELECT TOP (1) c."At" FROM "JobEvents" c WHERE c."JobId" = d."JobId" AND c."Kind" = 'Claimed' AND (c."UserId" = d."ReviewerUserId" OR (c."UserId" IS NULL AND d."ReviewerUserId" IS NULL)) ORDER BY c."Id" DESC)"""
            : """(SELECT c."At" FROM "JobEvents" c WHERE c."JobId" = d."JobId" AND c."Kind" = 'Claimed' AND (c."UserId" = d."ReviewerUserId" OR (c."UserId" IS NULL AND d."ReviewerUserId" IS NULL)) ORDER BY c."Id" DESC LIMIT 1)""";
        var insert = $"INSERT INTO {Table} (\"Series\", \"Hour\", \"Key1\", \"Key2\", \"Value\") ";
        yield return insert + $"""
            SELECT 'arrivals', {Hour("j.\"CreatedAt\"")}, j."QueueId", NULL, COUNT(*) FROM "ReviewJobs" j
            WHERE j."OrganizationId" = @org AND j."CreatedAt" >= @from GROUP BY {Hour("j.\"CreatedAt\"")}, j."QueueId"
            """;
        yield return insert + $"""
            SELECT 'claims', {Hour("e.\"At\"")}, j."QueueId", NULL, COUNT(*) FROM "JobEvents" e JOIN "ReviewJobs" j ON j."Id" = e."JobId"
            WHERE e."OrganizationId" = @org AND e."Kind" = 'Claimed' AND e."At" >= @from
              AND NOT EXISTS (SELECT 1 FROM "JobEvents" p WHERE p."JobId" = e."JobId" AND p."Kind" = 'Claimed' AND p."Id" < e."Id")
            GROUP BY {Hour("e.\"At\"")}, j."QueueId"
            """;
        yield return insert + $"""
            SELECT 'skips', {Hour("e.\"At\"")}, j."QueueId", e."UserId", COUNT(*) FROM "JobEvents" e JOIN "ReviewJobs" j ON j."Id" = e."JobId"
            WHERE e."OrganizationId" = @org AND e."Kind" = 'Skipped' AND e."At" >= @from AND e."UserId" IS NOT NULL
            GROUP BY {Hour("e.\"At\"")}, j."QueueId", e."UserId"
            """;
        yield return insert + $"""
            SELECT 'decisions', {Hour("d.\"DecidedAt\"")}, d."QueueId", d."Kind", COUNT(*) FROM "ReviewDecisions" d
            WHERE d."OrganizationId" = @org AND d."DecidedAt" >= @from GROUP BY {Hour("d.\"DecidedAt\"")}, d."QueueId", d."Kind"
            """;
        yield return insert + $"""
            SELECT 'handle', h, r, NULL, COUNT(claimed) FROM (
                SELECT {Hour("d.\"DecidedAt\"")} AS h, d."ReviewerUserId" AS r, {latestClaim} AS claimed FROM "ReviewDecisions" d
                WHERE d."OrganizationId" = @org AND d."DecidedAt" >= @from AND d."ReviewerUserId" IS NOT NULL) x
            GROUP BY h, r
            """;
        yield return insert + $"""
            SELECT 'actions', {Hour("x.\"ExecutedAt\"")}, x."ActionId", x."Source", COUNT(*) FROM "ActionExecutions" x
            WHERE x."OrganizationId" = @org AND x."ExecutedAt" >= @from GROUP BY {Hour("x.\"ExecutedAt\"")}, x."ActionId", x."Source"
            """;
        yield return insert + $"""
            SELECT 'reports', {Hour("r.\"ReceivedAt\"")}, r."PolicyId", NULL, COUNT(*) FROM "Reports" r
            WHERE r."OrganizationId" = @org AND r."ReceivedAt" >= @from GROUP BY {Hour("r.\"ReceivedAt\"")}, r."PolicyId"
            """;
        yield return insert + $"""
            SELECT 'appeals', {Hour("a.\"ReceivedAt\"")}, NULL, NULL, COUNT(*) FROM "Appeals" a
            WHERE a."OrganizationId" = @org AND a."ReceivedAt" >= @from GROUP BY {Hour("a.\"ReceivedAt\"")}
            """;
    }

    private static async Task ExecuteAsync(
        DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, string? organizationId = null, DateTime? fromUtc = null)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.CommandTimeout = 600;
        if (organizationId is not null)
        {
            command.Parameter("@org", organizationId);
            command.Parameter("@from", fromUtc);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>
/// A no-op Quartz job fired every <see cref="Interval"/> by the console's own scheduler during S7: the lag of each firing
/// (actual fire time minus scheduled) shows whether the scheduler keeps time while claims and a batch job run.
/// </summary>
[DisallowConcurrentExecution]
public sealed class TriggerLagProbe : IJob
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private static readonly JobKey Key = new("bench-trigger-lag-probe", "bench");

    private static ConcurrentQueue<double> lags = new();

    /// <summary>Lags (ms) recorded since the last <see cref="Take"/>.</summary>
    public static IReadOnlyList<double> Take() => [.. Interlocked.Exchange(ref lags, new ConcurrentQueue<double>())];

    /// <summary>Schedules the probe on the console's scheduler until the scheduler stops.</summary>
    public static async Task ScheduleAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var factory = (ISchedulerFactory)services.GetService(typeof(ISchedulerFactory))!;
        var scheduler = await factory.GetScheduler(cancellationToken);
        var job = JobBuilder.Create<TriggerLagProbe>().WithIdentity(Key).Build();
        var trigger = TriggerBuilder.Create().WithIdentity("bench-trigger-lag-probe-trigger", "bench").StartNow()
            .WithSimpleSchedule(s => s.WithInterval(Interval).RepeatForever()).Build();
        await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
    }

    public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.ScheduledFireTimeUtc is { } scheduled)
        {
            lags.Enqueue((context.FireTimeUtc - scheduled).TotalMilliseconds);
        }

        return ValueTask.CompletedTask;
    }
}
