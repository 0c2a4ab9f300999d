using Coop.Web.Api;

namespace Coop.Web.Features.Strikes;

internal static class StrikeServices
{
    public static IServiceCollection AddStrikes(this IServiceCollection services)
    {
        services.AddSingleton<IApiModule, UserScoresApi>();
        return services;
    }
}
