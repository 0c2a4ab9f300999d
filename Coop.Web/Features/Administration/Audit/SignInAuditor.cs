using Coop.Domain.Audit;
using Coop.Infrastructure.Identity;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration.Audit;

/// <summary>
/// Writes <c>user.signed-in</c>, <c>user.sign-in-failed</c> and <c>user.locked-out</c> entries. Used by the sign-in page
/// (and by any other sign-in path, such as SSO). A failed sign-in for an unknown email is recorded only in the log,
/// because it belongs to no organization.
/// </summary>
public sealed class SignInAuditor(IDbContextFactory<CoopDbContext> factory, TimeProvider time, IHttpContextAccessor http)
{
    public async Task SignedInAsync(string email, string method, CancellationToken cancellationToken = default) =>
        await RecordAsync(email, "user.signed-in", $"signed in with {method}", cancellationToken);

    public async Task FailedAsync(string email, bool lockedOut, CancellationToken cancellationToken = default) =>
        await RecordAsync(email, lockedOut ? "user.locked-out" : "user.sign-in-failed",
            lockedOut ? "sign-in refused: the account is locked" : "wrong password", cancellationToken);

    private async Task RecordAsync(string email, string action, string details, CancellationToken cancellationToken)
    {
        var normalized = (email ?? string.Empty).Trim().ToUpperInvariant();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var user = await db.Set<CoopUser>().AsNoTracking().Where(u => u.NormalizedEmail == normalized)
            .Select(u => new { u.Id, u.OrganizationId, u.Email }).FirstOrDefaultAsync(cancellationToken);
        if (user is null)
        {
            return;
        }

        var address = http.HttpContext?.Connection.RemoteIpAddress?.ToString();
        db.AuditEntries.Add(AuditEntry.Record(user.OrganizationId, user.Id, user.Email ?? email!, action, "user", user.Id,
            address is null ? details : $"{details} from {address}", time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync(cancellationToken);
    }
}
