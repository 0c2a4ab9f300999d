using Coop.Web.Features.ChildSafety.Pipeline;
using Coop.Web.Features.Dashboards.Rollups;
using Coop.Web.Features.Review.Claims;
using Coop.Web.Features.Strikes;
using Quartz;

namespace Coop.Web.Jobs;

/// <summary>
/// Quartz wiring: the in-memory store (each node runs its own schedule; every job here is safe to run on several nodes
/// at once because its work is claimed row by row in the database). Later issues add their jobs here.
/// </summary>
internal static class JobsServices
{
    public static IServiceCollection AddCoopJobs(this IServiceCollection services, IConfiguration configuration)
    {
        var review = configuration.GetSection(ReviewOptions.SectionName).Get<ReviewOptions>() ?? new ReviewOptions();
        var ncmec = configuration.GetSection(NcmecPipelineOptions.SectionName).Get<NcmecPipelineOptions>() ?? new NcmecPipelineOptions();
        services.AddQuartz(q =>
        {
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
            q.AddJob<Features.Administration.Audit.AuditChainVerificationJob>(j => j.WithIdentity(Features.Administration.Audit.AuditChainVerificationJob.Key));
            q.AddTrigger(t => t.ForJob(Features.Administration.Audit.AuditChainVerificationJob.Key).WithIdentity("audit-chain-verification-trigger", "audit")
                .WithCronSchedule("0 30 3 * * ?", c => c.InTimeZone(TimeZoneInfo.Utc)));
            q.AddJob<DashboardRollupJob>(j => j.WithIdentity(DashboardRollupJob.Key));
            q.AddTrigger(t => t.ForJob(DashboardRollupJob.Key).WithIdentity("dashboard-rollup-trigger", "dashboards").StartNow()
                .WithSimpleSchedule(s => s.WithInterval(TimeSpan.FromMinutes(2)).RepeatForever()
                    .WithMisfireInstruction(SimpleTriggerMisfireInstruction.NextWithRemainingCount)));
        });
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        return services;
    }
}
