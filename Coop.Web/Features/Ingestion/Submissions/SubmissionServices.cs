using Coop.Web.Api;

namespace Coop.Web.Features.Ingestion.Submissions;

public static class SubmissionServices
{
    /// <summary>The group-commit writer and the background processor of accepted submissions.</summary>
    public static IServiceCollection AddItemSubmissions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IngestionSignal>();
        services.AddSingleton<IngestionWriteGate>();
        services.AddSingleton<SubmissionWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<SubmissionWriter>());
        services.AddSingleton<SubmissionProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<SubmissionProcessor>());
        services.AddSingleton<ItemAcceptance>();
        services.AddSingleton<IApiModule, ItemsApi>();

        return services;
    }
}
