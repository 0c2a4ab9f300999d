using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;

namespace Coop.Web.Realtime;

internal static class RealtimeServices
{
    public static IServiceCollection AddRealtime(this IServiceCollection services)
    {
        services.AddSingleton<ILiveEvents, InMemoryLiveEvents>();
        services.AddSignalR();
        services.AddSingleton<IUserIdProvider, UserIdClaimProvider>();
        services.AddHostedService<LiveHubBridge>();
        return services;
    }

    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<LiveHub>(LiveHub.Path);
        return endpoints;
    }

    /// <summary>Hub users are identified by Coop's user id claim.</summary>
    private sealed class UserIdClaimProvider : IUserIdProvider
    {
        public string? GetUserId(HubConnectionContext connection) => connection.User?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
    }
}
