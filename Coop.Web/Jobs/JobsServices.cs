using Coop.Infrastructure.Persistence;
using Coop.Web.Features.ChildSafety.Pipeline;
using Coop.Web.Features.Dashboards.Rollups;
using Coop.Web.Features.Review.Claims;
using Coop.Web.Features.Strikes;
using Quartz;

namespace Coop.Web.Jobs;

/// <summary>
/// Quartz wiring. <c>Jobs:Store=Memory</c> (the default): each node runs its own schedule, and every job here is safe to run on
/// several nodes at once because its work is claimed row by row in the database. <c>Jobs:Store=Database</c>: the persistent ADO.NET
/// store on the app's PostgreSQL or SQL Server database, clustered, so each firing runs on one node only, a dead node's triggers
/// are recovered by the others, and misfires are handled by each trigger's misfire instruction. Every job is
/// <see cref="DisallowConcurrentExecutionAttribute"/> (never two runs of one job at once, cluster-wide in the database store) and no job
/// carries data, so nothing in the store depends on a .NET type beyond the job class names. Later issues add their jobs here.
/// </summary>
internal static class JobsServices
{
    public static IServiceCollection AddCoopJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var review = configuration.GetSection(ReviewOptions.SectionName).Get<ReviewOptions>() ?? new ReviewOptions();
        var ncmec = configuration.GetSection(NcmecPipelineOptions.SectionName).Get<NcmecPipelineOptions>() ?? new NcmecPipelineOptions();
        var jobs = configuration.GetSection(JobsOptions.SectionName).Get<JobsOptions>() ?? new JobsOptions();
        (DatabaseProvider Provider, string ConnectionString)? store = jobs.Store == JobStore.Database ? DatabaseStore(configuration) : null;
        services.AddQuartz(q =>
        {
            if (store is { } database)
            {
                UseDatabaseStore(q, database.Provider, database.ConnectionString, jobs);
            }

            q.AddJob<ClaimLeaseSweeperJob>(j => j.WithIdentity(ClaimLeaseSweeperJob.Key));
            q.AddTrigger(t => t.ForJob(ClaimLeaseSweeperJob.Key).WithIdentity("claim-lease-sweeper-trigger", "review").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromSeconds(review.SweepIntervalSeconds)).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            q.AddJob<StrikeExpiryJob>(j => j.WithIdentity(StrikeExpiryJob.Key));
            q.AddTrigger(t => t.ForJob(StrikeExpiryJob.Key).WithIdentity("strike-expiry-trigger", "strikes").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(1)).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
            q.AddJob<NcmecSubmissionJob>(j => j.WithIdentity(NcmecSubmissionJob.Key));
            q.AddTrigger(t => t.ForJob(NcmecSubmissionJob.Key).WithIdentity("ncmec-submissions-trigger", "child-safety").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(ncmec.Interval > TimeSpan.Zero ? ncmec.Interval : TimeSpan.FromMinutes(1)).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));

            // Daily: a run a dead node was in the middle of is run again by another (RequestRecovery), and a missed 03:30 runs once
            // as soon as a node is up again (FireAndProceed) rather than waiting a day.
            q.AddJob<Features.Administration.Audit.AuditChainVerificationJob>(j => j.WithIdentity(Features.Administration.Audit.AuditChainVerificationJob.Key)
                .RequestRecovery());
            q.AddTrigger(t => t.ForJob(Features.Administration.Audit.AuditChainVerificationJob.Key).WithIdentity("audit-chain-verification-trigger", "audit")
                .WithCronSchedule("0 30 3 * * ?", c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)));
            q.AddJob<DashboardRollupJob>(j => j.WithIdentity(DashboardRollupJob.Key));
            q.AddTrigger(t => t.ForJob(DashboardRollupJob.Key).WithIdentity("dashboard-rollup-trigger", "dashboards").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(2)).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }

    /// <summary>The provider and connection string the database job store uses: the app's own, refused on SQLite.</summary>
    private static (DatabaseProvider Provider, string ConnectionString) DatabaseStore(IConfiguration configuration)
    {
        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = string.IsNullOrWhiteSpace(database.ConnectionString) ? configuration.GetConnectionString("Coop") : database.ConnectionString;
        if (database.Provider == DatabaseProvider.Sqlite)
        {
            throw new InvalidOperationException(
                "Jobs:Store is Database, which needs PostgreSQL or SQL Server (Database:Provider): SQLite serves one node, whose schedule "
                + "Jobs:Store=Memory keeps. Remove Jobs:Store or set it to Memory, or move to a server database first.");
        }

        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"Jobs:Store is Database, which uses the app's database: set Database:ConnectionString or ConnectionStrings:Coop for {database.Provider}.");
        }

        return (database.Provider, connectionString);
    }

    /// <summary>
    /// The clustered ADO.NET store. Its tables (<c>qrtz_*</c>) are created by Quartz itself at start when missing
    /// (<c>ProvisionSchema</c>: create-only, race-safe when several nodes start at once, and always the exact schema of the Quartz
    /// version in use), rather than by a copy of Quartz's scripts in an EF migration that would have to follow every Quartz upgrade.
    /// </summary>
    private static void UseDatabaseStore(IQuartzBuilder q, DatabaseProvider provider, string connectionString, JobsOptions jobs)
    {
        q.UsePersistentStore(store =>
        {
            store.UseSystemTextJsonSerializer();
            store.UseClustering(c =>
            {
                c.CheckinInterval = TimeSpan.FromSeconds(jobs.ClusterCheckinIntervalSeconds);
                c.CheckinMisfireThreshold = TimeSpan.FromSeconds(jobs.ClusterCheckinMisfireThresholdSeconds);
            });
            store.ProvisionSchema();

            // One execution history for the cluster (which node ran what, and what misfired), in the same database.
            store.UseExecutionHistory();
            if (provider == DatabaseProvider.Postgres)
            {
                store.UsePostgres(connectionString);
            }
            else
            {
                store.UseSqlServer(connectionString);
            }
        });
    }
}
