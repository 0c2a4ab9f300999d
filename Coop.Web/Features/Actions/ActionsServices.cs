using Coop.Infrastructure.Webhooks;
using Coop.Web.Api;
using Coop.Web.Features.Actions.Bulk;
using Coop.Web.Features.Actions.Execution;
using Coop.Web.Features.Actions.Webhooks;

namespace Coop.Web.Features.Actions;

public static class ActionsServices
{
    /// <summary>The actions feature's services other than its handlers.</summary>
    public static IServiceCollection AddActions(this IServiceCollection services)
    {
        services.AddScoped<IItemTypeLookup, CatalogItemTypeLookup>();
        services.AddSingleton<ActionPublisher>();
        services.AddSingleton<ActionRunner>();
        services.AddSingleton<IApiModule, ActionsApi>();
        services.AddBulkActions();
        services.AddSingleton<IWebhookDeliveryObserver, DeliveryAnnouncer>();
        return services;
    }
}
