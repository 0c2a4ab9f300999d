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
