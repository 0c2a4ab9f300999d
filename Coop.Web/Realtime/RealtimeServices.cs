namespace Coop.Web.Realtime;

internal static class RealtimeServices
{
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        services.AddSingleton<ILiveEvents, InMemoryLiveEvents>();
        return services;
    }
}
