using Coop.Domain.Authorization;
using Coop.Domain.ChildSafety;
using Coop.Web.Application;

namespace Coop.Web.Features.ChildSafety.Settings;

/// <summary>Settings → Child Safety: the organization's settings, credentials only as "set — last changed".</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record GetNcmecSettingsQuery;

/// <summary>
/// Saves the child-safety settings. <see cref="TestCredentials"/> and <see cref="ProductionCredentials"/> say what to do
/// with each credential set: null keeps it, <see cref="NcmecCredentialChange.Clear"/> removes it, otherwise it is replaced.
/// </summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record SaveNcmecSettingsCommand(
    NcmecSettingsValues Values,
    NcmecCredentialChange? TestCredentials = null,
    NcmecCredentialChange? ProductionCredentials = null);

/// <summary>Calls <c>GET /status</c> with the saved credentials of <see cref="Environment"/>.</summary>
[RequiresPermission(Permissions.ManageOrg)]
public sealed record CheckNcmecConnectionCommand(NcmecEnvironment Environment);

/// <summary>A new username and password, or (with <see cref="Clear"/>) removal of the set.</summary>
public sealed record NcmecCredentialChange(string? Username, string? Password, bool Clear = false)
{
    public static NcmecCredentialChange Remove { get; } = new(null, null, Clear: true);

    /// <summary>Never print the password.</summary>
    public override string ToString() => Clear ? "clear" : $"set {Username}";
}

/// <summary>What the settings page shows. No credential ever comes back: only whether each set exists and when it changed.</summary>
public sealed record NcmecSettingsView(
    NcmecSettingsValues Values,
    bool TestCredentialsSet,
    DateTime? TestCredentialsChangedAt,
    bool ProductionCredentialsSet,
    DateTime? ProductionCredentialsChangedAt,
    NcmecCredentialAlert? CredentialAlert,
    DateTime? UpdatedAt,
    IReadOnlyList<NcmecChoice> Actions,
    IReadOnlyList<NcmecChoice> Policies);

/// <summary>NCMEC refused a credential set at <see cref="At"/>: shown as a banner until the set is replaced or a check succeeds.</summary>
public sealed record NcmecCredentialAlert(NcmecEnvironment Environment, DateTime At);

/// <summary>An action or policy that can be chosen for after a report.</summary>
public sealed record NcmecChoice(string Id, string Name);

/// <summary>What "Check connection" found, in words.</summary>
public sealed record NcmecConnectionCheck(bool Succeeded, string Message);
