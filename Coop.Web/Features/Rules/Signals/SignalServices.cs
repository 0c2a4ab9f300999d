using Coop.Domain.Signals;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Coop.Web.Features.Rules.Signals;

public static class SignalServices
{
    /// <summary>The signal registry with every <see cref="ISignal"/> in this assembly (by scanning), and the runner factory.</summary>
    public static IServiceCollection AddSignals(this IServiceCollection services)
    {
        services.Scan(scan => scan
            .FromAssemblyOf<SignalRegistry>()
            .AddClasses(c => c.AssignableTo<ISignal>(), publicOnly: false)
            .As<ISignal>()
            .WithSingletonLifetime());
        services.AddSingleton<SignalRegistry>();
        services.AddSingleton<SignalRunnerFactory>();
        services.TryAddSingleton<ISignalSettingsSource, NoSignalSettings>();
        services.AddSingleton<Engine.RuleCatalog>();
        services.AddSingleton<Engine.RuleEvaluator>();
        services.AddSingleton<Engine.RuleEngine>();
        services.AddSingleton<Engine.IRuleSpotTester, Engine.RuleSpotTester>();
        services.AddSingleton<Components.IRuleBankSource, Components.RuleBankSources>();
        services.AddSingleton<Backtests.RuleRunSignal>();
        services.AddSingleton<Backtests.RuleRunWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<Backtests.RuleRunWorker>());
        return services;
    }
}
