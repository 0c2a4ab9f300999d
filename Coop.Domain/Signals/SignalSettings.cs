namespace Coop.Domain.Signals;

/// <summary>
/// An organization's settings for one signal or integration (endpoint, model, API key…): plain values as a JSON
/// object in <see cref="ValuesJson"/>, secret values as one encrypted blob in <see cref="ProtectedSecrets"/> (the
/// application encrypts and decrypts it; the domain never sees a secret in clear). One row per organization and
/// signal id.
/// </summary>
public sealed class SignalSettings
{
    public const int SignalIdMaxLength = 128;

    private SignalSettings()
    {
    }

    public string OrganizationId { get; private set; } = string.Empty;

    /// <summary>The signal's manifest id (or an integration id shared by several signals).</summary>
    public string SignalId { get; private set; } = string.Empty;

    /// <summary>Non-secret values, a JSON object of strings keyed by field key.</summary>
    public string ValuesJson { get; private set; } = "{}";

    /// <summary>Secret values: a JSON object of strings, encrypted at rest; null when no secret is set.</summary>
    public string? ProtectedSecrets { get; private set; }

    public DateTime UpdatedAt { get; private set; }

    public string? UpdatedByUserId { get; private set; }

    public static SignalSettings Create(string organizationId, string signalId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        ArgumentException.ThrowIfNullOrWhiteSpace(signalId);
        if (signalId.Length > SignalIdMaxLength)
        {
            throw new ArgumentException($"A signal id has at most {SignalIdMaxLength} characters.", nameof(signalId));
        }

        return new SignalSettings { OrganizationId = organizationId, SignalId = signalId };
    }

    public void Set(string valuesJson, string? protectedSecrets, string? userId, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(valuesJson);
        ValuesJson = valuesJson;
        ProtectedSecrets = string.IsNullOrEmpty(protectedSecrets) ? null : protectedSecrets;
        UpdatedByUserId = userId;
        UpdatedAt = DateTime.SpecifyKind(now, DateTimeKind.Utc);
    }
}
