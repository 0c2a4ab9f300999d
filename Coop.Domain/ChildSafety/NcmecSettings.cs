namespace Coop.Domain.ChildSafety;

/// <summary>
/// An organization's child-safety settings (Settings → Child Safety). Credentials live encrypted in
/// <see cref="ProtectedTestCredentials"/> and <see cref="ProtectedProductionCredentials"/> (the application encrypts
/// with Data Protection; the domain never sees them in clear) and are never shown again or returned by any API.
/// <see cref="ActiveEnvironment"/> chooses which credential set new decisions use; the submission records it.
/// </summary>
public sealed class NcmecSettings
{
    public const int EmailMaxLength = 254;
    public const int TextMaxLength = 3000;
    public const int UrlMaxLength = 2083;
    public const int EspServiceMaxLength = 100;

    private NcmecSettings()
    {
    }

    public string OrganizationId { get; private set; } = string.Empty;

    public NcmecEnvironment ActiveEnvironment { get; private set; } = NcmecEnvironment.Test;

    public string? ProtectedTestCredentials { get; private set; }

    public string? ProtectedProductionCredentials { get; private set; }

    /// <summary>reporter/reportingPerson/email (required to file).</summary>
    public string? ReporterEmail { get; private set; }

    public string? ContactFirstName { get; private set; }

    public string? ContactLastName { get; private set; }

    public string? ContactPhone { get; private set; }

    public string? ContactEmail { get; private set; }

    /// <summary>reporter/companyTemplate: boilerplate NCMEC wants in every report (not the org's name).</summary>
    public string? CompanyTemplate { get; private set; }

    /// <summary>personOrUserReported/espService: the product's name (≤100).</summary>
    public string? EspServiceName { get; private set; }

    public string? TermsOfService { get; private set; }

    public string? LegalUrl { get; private set; }

    public string? MoreInfoUrl { get; private set; }

    public NcmecInternetDetailType? DefaultInternetDetailType { get; private set; }

    /// <summary>Optional webhook asked for screen names, emails, IP events and file names before filing.</summary>
    public string? AdditionalInfoWebhookUrl { get; private set; }

    /// <summary>Optional webhook told once per filed production report, so the platform preserves the content.</summary>
    public string? PreservationWebhookUrl { get; private set; }

    public NcmecMediaReviewRequirement MediaReviewRequirement { get; private set; } = NcmecMediaReviewRequirement.All;

    /// <summary>With <see cref="NcmecMediaReviewRequirement.Minimum"/>: how many media must be classified (≥ 1).</summary>
    public int MinimumMediaToReview { get; private set; } = 1;

    /// <summary>Actions run on the reported user after a production report is filed (JSON array of action ids), under <see cref="PostReportPolicyIdsJson"/>.</summary>
    public string PostReportActionIdsJson { get; private set; } = "[]";

    public string PostReportPolicyIdsJson { get; private set; } = "[]";

    public DateTime UpdatedAt { get; private set; }

    public string? UpdatedByUserId { get; private set; }

    /// <summary>When the test credential set was last set, replaced or cleared.</summary>
    public DateTime? TestCredentialsChangedAt { get; private set; }

    public DateTime? ProductionCredentialsChangedAt { get; private set; }

    /// <summary>When NCMEC last refused the credentials of <see cref="CredentialsRefusedEnvironment"/> (an admin alert until they are replaced or checked).</summary>
    public DateTime? CredentialsRefusedAt { get; private set; }

    public NcmecEnvironment? CredentialsRefusedEnvironment { get; private set; }

    public string? ProtectedCredentials(NcmecEnvironment environment) =>
        environment == NcmecEnvironment.Production ? ProtectedProductionCredentials : ProtectedTestCredentials;

    public DateTime? CredentialsChangedAt(NcmecEnvironment environment) =>
        environment == NcmecEnvironment.Production ? ProductionCredentialsChangedAt : TestCredentialsChangedAt;

    /// <summary>Stores (or with null clears) one environment's encrypted credentials; clears a refusal alert for it.</summary>
    public void SetProtectedCredentials(NcmecEnvironment environment, string? protectedCredentials, DateTime nowUtc)
    {
        var now = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        if (environment == NcmecEnvironment.Production)
        {
            ProtectedProductionCredentials = protectedCredentials;
            ProductionCredentialsChangedAt = now;
        }
        else
        {
            ProtectedTestCredentials = protectedCredentials;
            TestCredentialsChangedAt = now;
        }

        if (CredentialsRefusedEnvironment == environment)
        {
            ClearCredentialsRefused();
        }
    }

    public void RecordCredentialsRefused(NcmecEnvironment environment, DateTime nowUtc)
    {
        CredentialsRefusedEnvironment = environment;
        CredentialsRefusedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
    }

    public void ClearCredentialsRefused()
    {
        CredentialsRefusedEnvironment = null;
        CredentialsRefusedAt = null;
    }

    /// <summary>Replaces every plain setting (the caller has validated them).</summary>
    public void Update(NcmecSettingsValues values, string? userId, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(values);
        ActiveEnvironment = values.ActiveEnvironment;
        ReporterEmail = values.ReporterEmail;
        ContactFirstName = values.ContactFirstName;
        ContactLastName = values.ContactLastName;
        ContactPhone = values.ContactPhone;
        ContactEmail = values.ContactEmail;
        CompanyTemplate = values.CompanyTemplate;
        EspServiceName = values.EspServiceName;
        TermsOfService = values.TermsOfService;
        LegalUrl = values.LegalUrl;
        MoreInfoUrl = values.MoreInfoUrl;
        DefaultInternetDetailType = values.DefaultInternetDetailType;
        AdditionalInfoWebhookUrl = values.AdditionalInfoWebhookUrl;
        PreservationWebhookUrl = values.PreservationWebhookUrl;
        SetMediaReview(values.MediaReviewRequirement, values.MinimumMediaToReview);
        PostReportActionIdsJson = System.Text.Json.JsonSerializer.Serialize(values.PostReportActionIds);
        PostReportPolicyIdsJson = System.Text.Json.JsonSerializer.Serialize(values.PostReportPolicyIds);
        UpdatedByUserId = userId;
        UpdatedAt = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
    }

    public IReadOnlyList<string> PostReportActionIds => System.Text.Json.JsonSerializer.Deserialize<List<string>>(PostReportActionIdsJson) ?? [];

    public IReadOnlyList<string> PostReportPolicyIds => System.Text.Json.JsonSerializer.Deserialize<List<string>>(PostReportPolicyIdsJson) ?? [];

    public static NcmecSettings CreateDefault(string organizationId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organizationId);
        return new NcmecSettings { OrganizationId = organizationId };
    }

    /// <summary>Sets how much media a reviewer must classify.</summary>
    public void SetMediaReview(NcmecMediaReviewRequirement requirement, int minimum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(minimum, 1);
        MediaReviewRequirement = requirement;
        MinimumMediaToReview = minimum;
    }
}

/// <summary>The plain (non-secret) child-safety settings, as a form saves them.</summary>
public sealed record NcmecSettingsValues(
    NcmecEnvironment ActiveEnvironment,
    string? ReporterEmail,
    string? ContactFirstName,
    string? ContactLastName,
    string? ContactPhone,
    string? ContactEmail,
    string? CompanyTemplate,
    string? EspServiceName,
    string? TermsOfService,
    string? LegalUrl,
    string? MoreInfoUrl,
    NcmecInternetDetailType? DefaultInternetDetailType,
    string? AdditionalInfoWebhookUrl,
    string? PreservationWebhookUrl,
    NcmecMediaReviewRequirement MediaReviewRequirement,
    int MinimumMediaToReview,
    IReadOnlyList<string> PostReportActionIds,
    IReadOnlyList<string> PostReportPolicyIds);
