using Coop.Domain.Signals;

namespace Coop.Web.Features.Rules.Signals;

/// <summary>
/// Every signal this build has (registered by assembly scanning), by manifest id. Ids must be unique: two signals
/// claiming one id stop the application at start-up.
/// </summary>
public sealed class SignalRegistry
{
    private readonly Dictionary<string, ISignal> byId;

    public SignalRegistry(IEnumerable<ISignal> signals)
    {
        ArgumentNullException.ThrowIfNull(signals);
        byId = new Dictionary<string, ISignal>(StringComparer.Ordinal);
        foreach (var signal in signals)
        {
            if (!byId.TryAdd(signal.Manifest.Id, signal))
            {
                throw new InvalidOperationException(
                    $"Two signals use the id '{signal.Manifest.Id}': {byId[signal.Manifest.Id].GetType().Name} and {signal.GetType().Name}.");
            }
        }

        Manifests = [.. byId.Values.Select(s => s.Manifest).OrderBy(m => m.Name, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Every manifest, by name.</summary>
    public IReadOnlyList<SignalManifest> Manifests { get; }

    public ISignal? Find(string id) => byId.GetValueOrDefault(id);

    public SignalManifest? ManifestOf(string id) => byId.GetValueOrDefault(id)?.Manifest;
}
