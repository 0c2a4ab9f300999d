using Coop.Domain.Authorization;
using Coop.Domain.ChildSafety;
using Coop.Web.Application;

namespace Coop.Web.Features.ChildSafety.Reports;

/// <summary>
/// The NCMEC reports page: every submission of the organization, newest first. Test submissions are shown only to the
/// reviewer who made them and to administrators (MANAGE_ORG).
/// </summary>
[RequiresPermission(Permissions.ViewChildSafetyData)]
public sealed record ListNcmecSubmissionsQuery(int Limit = 200);

/// <summary>The retry button: puts a Failed submission back to work (audited).</summary>
[RequiresPermission(Permissions.ViewChildSafetyData)]
public sealed record RetryNcmecSubmissionCommand(string SubmissionId);

public sealed record NcmecReportsView(IReadOnlyList<NcmecSubmissionView> Submissions, NcmecCredentialAlertView? CredentialAlert);

/// <summary>NCMEC refused a credential set: the banner on the page.</summary>
public sealed record NcmecCredentialAlertView(NcmecEnvironment Environment, DateTime At);

/// <summary>One row of the page. <see cref="LastError"/> is in words for the reviewer.</summary>
public sealed record NcmecSubmissionView(
    string Id,
    NcmecSubmissionState State,
    NcmecEnvironment Environment,
    string? ReportId,
    string ReviewerUserId,
    string? ReviewerEmail,
    string UserItemId,
    string UserItemTypeId,
    int FileCount,
    int Attempts,
    DateTime NextAttemptAt,
    string? LastError,
    string? FileListMismatch,
    DateTime CreatedAt,
    DateTime? FiledAt,
    DateTime? RetentionUntil,
    NcmecPreservationState PreservationState,
    int PreservationAttempts,
    string? PreservationLastError,
    IReadOnlyList<NcmecAbandonedReport> AbandonedReports)
{
    public bool CanRetry => State == NcmecSubmissionState.Failed;
}
