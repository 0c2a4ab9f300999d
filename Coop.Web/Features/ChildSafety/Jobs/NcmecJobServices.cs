using Coop.Web.Features.Actions.Execution;

namespace Coop.Web.Features.ChildSafety.Jobs;

internal static class NcmecJobServices
{
    /// <summary>User-centred NCMEC jobs: the enqueuer and the built-in "Enqueue for NCMEC Review" action.</summary>
    public static IServiceCollection AddNcmecJobs(this IServiceCollection services)
    {
        services.AddOptions<NcmecReviewOptions>().BindConfiguration(NcmecReviewOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<NcmecEnqueuer>();
        services.AddSingleton<NcmecHashBankScanner>();
        services.AddSingleton<IBuiltInActionEffect, EnqueueToNcmecEffect>();
        return services;
    }
}
