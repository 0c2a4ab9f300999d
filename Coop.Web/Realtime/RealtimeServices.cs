using System.Security.Claims;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Caching.StackExchangeRedis;
using StackExchange.Redis;

namespace Coop.Web.Realtime;

internal static class RealtimeServices
{
    /// <summary>
    /// Live events, the <c>/hubs/live</c> hub and the distributed cache: in-process on one node; over Redis (one shared
    /// <see cref="IConnectionMultiplexer"/>: pub/sub for <see cref="ILiveEvents"/>, SignalR's backplane, the cache) when
    /// <c>Realtime:Redis</c> is set.
    /// </summary>
    public static IServiceCollection AddRealtime(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RealtimeOptions.SectionName).Get<RealtimeOptions>() ?? new RealtimeOptions();
        services.AddSingleton(options);
        var signalR = services.AddSignalR();
        if (options.UsesRedis)
        {
            services.AddSingleton<IConnectionMultiplexer>(sp => Connect(options));
            services.AddSingleton<RedisLiveEvents>();
            services.AddSingleton<ILiveEvents>(sp => sp.GetRequiredService<RedisLiveEvents>());
            services.AddSingleton<ILocallyPublishedLiveEvents>(sp => sp.GetRequiredService<RedisLiveEvents>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisLiveEvents>());
            signalR.AddStackExchangeRedis(o => o.Configuration.ChannelPrefix = RedisChannel.Literal(options.ChannelPrefix + ":signalr"));
            services.AddOptions<RedisOptions>().Configure<IConnectionMultiplexer>((o, redis) => o.ConnectionFactory = _ => Task.FromResult(redis));
            services.AddStackExchangeRedisCache(o => o.InstanceName = options.ChannelPrefix + ":cache:");
            services.AddOptions<RedisCacheOptions>()
                .Configure<IConnectionMultiplexer>((o, redis) => o.ConnectionMultiplexerFactory = () => Task.FromResult(redis));
        }
        else
        {
            services.AddSingleton<InMemoryLiveEvents>();
            services.AddSingleton<ILiveEvents>(sp => sp.GetRequiredService<InMemoryLiveEvents>());
            services.AddSingleton<ILocallyPublishedLiveEvents>(sp => sp.GetRequiredService<InMemoryLiveEvents>());
            services.AddDistributedMemoryCache();
        }

        services.AddSingleton<IUserIdProvider, UserIdClaimProvider>();
        services.AddHostedService<LiveHubBridge>();
        return services;
    }

    public static IEndpointRouteBuilder MapRealtime(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHub<LiveHub>(LiveHub.Path);
        return endpoints;
    }

    private static ConnectionMultiplexer Connect(RealtimeOptions options)
    {
        var configuration = ConfigurationOptions.Parse(options.Redis!);

        // Start even while Redis is down, and keep reconnecting (with backoff) for as long as the node runs.
        configuration.AbortOnConnectFail = false;
        configuration.ClientName ??= $"coop-{Environment.MachineName}-{Environment.ProcessId}";
        return ConnectionMultiplexer.Connect(configuration);
    }

    /// <summary>Hub users are identified by Coop's user id claim.</summary>
    private sealed class UserIdClaimProvider : IUserIdProvider
    {
        public string? GetUserId(HubConnectionContext connection) => connection.User?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
    }
}
