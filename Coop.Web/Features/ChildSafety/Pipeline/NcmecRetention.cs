using Coop.Domain.ChildSafety;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.ChildSafety.Pipeline;

/// <summary>
/// The legal hold of filed reports (18 U.S.C. § 2258A(h), one year since the REPORT Act): a filed submission carries
/// <see cref="NcmecSubmission.RetentionUntil"/> = filed + 1 year. There is no purge job yet; any future purge of
/// submissions, items or users must go through these guards and skip what they hold.
/// </summary>
public static class NcmecRetention
{
    /// <summary>The submissions a purge may delete: never filed, or filed with the retention period over.</summary>
    public static IQueryable<NcmecSubmission> Purgeable(IQueryable<NcmecSubmission> submissions, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(submissions);
        return submissions.Where(s => s.FiledAt == null || (s.RetentionUntil != null && s.RetentionUntil <= nowUtc));
    }

    /// <summary>True while a filed report about this user is under retention: a purge of the user or their items must skip them.</summary>
    public static Task<bool> IsUserHeldAsync(
        CoopDbContext db, string organizationId, string userItemTypeId, string userItemId, DateTime nowUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.NcmecSubmissions.AsNoTracking().AnyAsync(s => s.OrganizationId == organizationId && s.UserItemTypeId == userItemTypeId
            && s.UserItemId == userItemId && s.FiledAt != null && (s.RetentionUntil == null || s.RetentionUntil > nowUtc), cancellationToken);
    }
}
