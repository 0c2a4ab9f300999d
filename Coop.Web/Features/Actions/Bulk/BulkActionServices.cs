namespace Coop.Web.Features.Actions.Bulk;

internal static class BulkActionServices
{
    /// <summary>Bulk actions' services other than their handlers: the planner, the processor and its background worker.</summary>
    public static IServiceCollection AddBulkActions(this IServiceCollection services)
    {
        services.AddOptions<BulkActionOptions>().BindConfiguration(BulkActionOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BulkActionPlanner>();
        services.AddSingleton<BulkSelectionStore>();
        services.AddSingleton<BulkActionSignal>();
        services.AddSingleton<BulkActionProcessor>();
        services.AddHostedService<BulkActionWorker>();
        return services;
    }
}
