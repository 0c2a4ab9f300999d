using Coop.Web.Api;

namespace Coop.Web.Features.Policies;

public static class PoliciesServices
{
    /// <summary>The policies endpoint of the platform API.</summary>
    public static IServiceCollection AddPolicies(this IServiceCollection services) =>
        services.AddSingleton<IApiModule, PoliciesApi>();
}
