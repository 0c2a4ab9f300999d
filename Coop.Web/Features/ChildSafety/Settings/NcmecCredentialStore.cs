using System.Security.Cryptography;
using System.Text.Json;
using Coop.Domain.ChildSafety;
using Coop.Web.Features.ChildSafety.Pipeline;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Coop.Web.Features.ChildSafety.Settings;

/// <summary>
/// Encrypts and decrypts an organization's CyberTipline credential sets with ASP.NET Core Data Protection (keys in the
/// database, so every node reads them). Only the submission pipeline and "Check connection" decrypt; no query returns them.
/// </summary>
public sealed partial class NcmecCredentialStore(IDataProtectionProvider dataProtection, IOptionsMonitor<NcmecPipelineOptions> options, ILogger<NcmecCredentialStore> logger)
{
    private const string Purpose = "Coop.ChildSafety.Credentials.v1";

    public string Protect(string organizationId, NcmecEnvironment environment, string username, string password) =>
        Protector(organizationId, environment).Protect(JsonSerializer.Serialize(new StoredCredentials(username, password)));

    /// <summary>The credential set of <paramref name="environment"/> with its CyberTipline's address; null when none is set or it cannot be read.</summary>
    public CyberTipCredentials? Read(NcmecSettings settings, NcmecEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.ProtectedCredentials(environment) is not { } protectedValue)
        {
            return null;
        }

        try
        {
            var stored = JsonSerializer.Deserialize<StoredCredentials>(Protector(settings.OrganizationId, environment).Unprotect(protectedValue));
            return stored is null ? null : new CyberTipCredentials(environment, options.CurrentValue.BaseUrlFor(environment), stored.Username, stored.Password);
        }
        catch (CryptographicException)
        {
            LogUnreadable(logger, environment, settings.OrganizationId);
            return null;
        }
    }

    private IDataProtector Protector(string organizationId, NcmecEnvironment environment) =>
        dataProtection.CreateProtector(Purpose, organizationId, environment.ToString());

    private sealed record StoredCredentials(string Username, string Password);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The {Environment} CyberTipline credentials of organization {OrganizationId} cannot be decrypted")]
    private static partial void LogUnreadable(ILogger logger, NcmecEnvironment environment, string organizationId);
}
