using Coop.Domain.Authorization;
using Coop.Domain.Signals;
using Coop.Web.Application;

namespace Coop.Web.Features.Rules.Integrations;

/// <summary>Settings → Integrations: every signal with organization settings, its values (secrets only as "set").</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record ListIntegrationsQuery;

/// <summary>
/// Saves one signal's settings. <see cref="Values"/> holds the plain fields (blank unsets); <see cref="Secrets"/> holds
/// only the secrets to change: a value replaces, null or blank clears, a key left out keeps the saved secret.
/// Everything unset removes the settings.
/// </summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record SaveIntegrationSettingsCommand(
    string SignalId, IReadOnlyDictionary<string, string?> Values, IReadOnlyDictionary<string, string?> Secrets);

/// <summary>Runs the signal on a sample text with the saved settings and the given condition arguments.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record TestIntegrationCommand(string SignalId, string SampleText, IReadOnlyDictionary<string, string> Arguments);

public sealed record IntegrationView(
    string SignalId, string Name, string Description, bool Configured, DateTime? UpdatedAt,
    IReadOnlyList<IntegrationFieldView> Fields, IReadOnlyList<SignalConfigurationField> ConditionFields);

/// <summary>One organization field. <see cref="Value"/> is always null for a secret; <see cref="IsSet"/> says whether one is saved.</summary>
public sealed record IntegrationFieldView(SignalConfigurationField Field, string? Value, bool IsSet)
{
    public bool IsSecret => Field.Type == SignalFieldType.Secret;
}

/// <summary>What a test run gave: the score as text, or why there is none.</summary>
public sealed record IntegrationTestOutcome(bool Succeeded, string? Score, string Message);
