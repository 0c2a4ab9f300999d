namespace Coop.Web.Features.Ingestion;

public static class IngestionServices
{
    /// <summary>Item type resolution for the ingestion path.</summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services)
    {
        services.AddSingleton<ItemTypeCatalog>();
        return services;
    }
}
