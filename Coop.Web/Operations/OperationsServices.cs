namespace Coop.Web.Operations;

/// <summary>Health endpoints, graceful shutdown and its timeout.</summary>
internal static class OperationsServices
{
    public const string ShutdownTimeoutKey = "Shutdown:TimeoutSeconds";

    public static IServiceCollection AddOperations(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<NodeClaims>();
        services.AddHostedService<GracefulShutdown>();
        var seconds = configuration.GetValue<int?>(ShutdownTimeoutKey) ?? 30;
        services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(Math.Max(1, seconds)));
        services.AddCoopHealth();
        return services;
    }
}
