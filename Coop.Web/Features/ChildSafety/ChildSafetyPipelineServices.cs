using Coop.Web.Features.ChildSafety.Pipeline;
using Coop.Web.Features.ChildSafety.Settings;

namespace Coop.Web.Features.ChildSafety;

public static class ChildSafetyPipelineServices
{
    /// <summary>
    /// The CyberTipline submission pipeline (options, credential store, report builder, processor) other than its handlers.
    /// The processor needs an <see cref="Coop.Domain.ChildSafety.ICyberTiplineClient"/>; without one the job only logs.
    /// </summary>
    public static IServiceCollection AddChildSafetyPipeline(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<NcmecPipelineOptions>().Bind(configuration.GetSection(NcmecPipelineOptions.SectionName))
            .Validate(o => o.Interval > TimeSpan.Zero && o.BatchSize > 0 && o.MaxAttempts > 0 && o.Lease > TimeSpan.Zero
                && o.BackoffBase >= TimeSpan.Zero && o.BackoffCap >= o.BackoffBase && o.PreservationTimeout > TimeSpan.Zero,
                "ChildSafety:Pipeline needs a positive Interval, BatchSize, MaxAttempts, Lease and PreservationTimeout, and BackoffCap ≥ BackoffBase ≥ 0.")
            .Validate(o => o.TestBaseUrl.IsAbsoluteUri && o.ProductionBaseUrl.IsAbsoluteUri, "ChildSafety:Pipeline base URLs must be absolute.")
            .ValidateOnStart();
        services.AddSingleton<NcmecCredentialStore>();
        services.AddSingleton<NcmecReportBuilder>();
        services.AddSingleton<NcmecAdditionalInfoClient>();
        services.AddSingleton<NcmecSubmissionProcessor>();
        return services;
    }
}
