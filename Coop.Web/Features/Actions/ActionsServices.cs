namespace Coop.Web.Features.Actions;

public static class ActionsServices
{
    /// <summary>The actions feature's services other than its handlers.</summary>
    public static IServiceCollection AddActions(this IServiceCollection services)
    {
        services.AddScoped<IItemTypeLookup, CatalogItemTypeLookup>();
        return services;
    }
}
