using Coop.Infrastructure.Net;
using Coop.Web.Features.Rules.Integrations;
using Coop.Web.Features.Rules.Signals;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coop.Web.Features.Rules.Classifiers;

public static class ClassifierServices
{
    /// <summary>
    /// External classifiers: the guarded HTTP client, the result cache, the circuit breakers, and the organization
    /// settings store that replaces the empty default of <see cref="SignalServices.AddSignals"/> (call after it).
    /// The signals themselves are found by <see cref="SignalServices.AddSignals"/>' scan.
    /// </summary>
    public static IServiceCollection AddClassifiers(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ClassifierOptions>().Bind(configuration.GetSection(ClassifierOptions.SectionName))
            .Validate(o => o.CacheEntries > 0 && o.BreakerFailures > 0 && o.BreakDuration >= TimeSpan.FromMilliseconds(500)
                && o.BreakerWindow >= TimeSpan.FromMilliseconds(500), "Classifiers: CacheEntries and BreakerFailures must be positive, BreakDuration and BreakerWindow at least 0.5 s.")
            .ValidateOnStart();
        services.AddOutboundHttpClient(ClassifierHttp.ClientName, followRedirects: false);
        services.AddSingleton<ClassifierCache>();
        services.AddSingleton<ClassifierBreakers>();
        services.AddSingleton<ClassifierHttp>();
        services.AddSingleton<SignalSettingsStore>();
        services.Replace(ServiceDescriptor.Singleton<ISignalSettingsSource>(sp => sp.GetRequiredService<SignalSettingsStore>()));
        return services;
    }
}
