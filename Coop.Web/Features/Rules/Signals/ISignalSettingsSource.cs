namespace Coop.Web.Features.Rules.Signals;

/// <summary>An organization's settings for a signal (endpoint, API key…), as the signal reads them; empty when unset.</summary>
public interface ISignalSettingsSource
{
    ValueTask<IReadOnlyDictionary<string, string>> GetAsync(string organizationId, string signalId, CancellationToken cancellationToken);
}

/// <summary>Used until a settings store is registered: no signal has settings.</summary>
internal sealed class NoSignalSettings : ISignalSettingsSource
{
    private static readonly IReadOnlyDictionary<string, string> Empty = new Dictionary<string, string>();

    public ValueTask<IReadOnlyDictionary<string, string>> GetAsync(string organizationId, string signalId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Empty);
}
