namespace Coop.Web.Features.Ingestion.Submissions;

public static class IngestionServices
{
    /// <summary>The group-commit writer and the background processor of accepted submissions.</summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<IngestionOptions>().Bind(configuration.GetSection(IngestionOptions.SectionName))
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IngestionSignal>();
        services.AddSingleton<SubmissionWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<SubmissionWriter>());
        services.AddSingleton<SubmissionProcessor>();
        services.AddHostedService(sp => sp.GetRequiredService<SubmissionProcessor>());

        return services;
    }
}
