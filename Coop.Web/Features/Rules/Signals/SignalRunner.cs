using System.Collections.Concurrent;
using Coop.Domain.Conditions;
using Coop.Domain.Signals;

namespace Coop.Web.Features.Rules.Signals;

/// <summary>
/// Runs signals for one item version (one evaluation context across every rule): the same signal with the same
/// matching values, arguments and value runs once, however many conditions ask. A signal's exception becomes a
/// failed result, and settings are read once per signal.
/// </summary>
public sealed class SignalRunner(SignalRegistry registry, ISignalSettingsSource settings, SignalItem item) : ISignalRunner
{
    private readonly ConcurrentDictionary<(string Call, string Value), Task<SignalResult>> results = new();
    private readonly ConcurrentDictionary<string, Task<IReadOnlyDictionary<string, string>>> settingsBySignal = new(StringComparer.Ordinal);

    public SignalItem Item => item;

    public int CostOf(SignalCall call) => call is null ? 0 : registry.ManifestOf(call.Id)?.Cost ?? 0;

    public SignalOutputType? OutputOf(SignalCall call) => call is null ? null : registry.ManifestOf(call.Id)?.Output;

    public ValueTask<SignalResult> RunAsync(SignalCall call, string value, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        ArgumentNullException.ThrowIfNull(value);
        return new ValueTask<SignalResult>(results.GetOrAdd((call.Key, value), _ => RunOnceAsync(call, value, cancellationToken)));
    }

    private async Task<SignalResult> RunOnceAsync(SignalCall call, string value, CancellationToken cancellationToken)
    {
        if (registry.Find(call.Id) is not { } signal)
        {
            return SignalResult.Failed($"There is no signal '{call.Id}' in this version of Coop.");
        }

        try
        {
            var orgSettings = await settingsBySignal.GetOrAdd(call.Id, id => settings.GetAsync(item.OrganizationId, id, cancellationToken).AsTask());
            if (signal.Manifest.OrganizationFields.Where(f => f.Required).Any(f => !orgSettings.ContainsKey(f.Key)))
            {
                return SignalResult.Failed($"{signal.Manifest.Name} is not configured for this organization.");
            }

            var request = new SignalRequest(item, value, call.StringList, call.BankIdList, call.ArgumentMap, orgSettings);
            return await signal.RunAsync(request, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return SignalResult.Failed($"{signal.Manifest.Name} failed: {ex.Message}");
        }
    }
}

/// <summary>Makes a <see cref="SignalRunner"/> per item version.</summary>
public sealed class SignalRunnerFactory(SignalRegistry registry, ISignalSettingsSource settings)
{
    public SignalRegistry Registry => registry;

    public SignalRunner For(SignalItem item) => new(registry, settings, item);
}
