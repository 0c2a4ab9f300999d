using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration.Sso;

/// <summary>
/// "SSO only": password sign-in is refused for every member of an organization whose single sign-on is on and
/// exclusive, except its break-glass account. Checked on the server before the password is tried.
/// </summary>
public sealed class SsoPasswordGate(IDbContextFactory<CoopDbContext> factory)
{
    public async Task<bool> AllowsPasswordAsync(string email, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(email);
        var normalized = email.Trim().ToUpperInvariant();
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var refused = await (
            from u in db.Users.AsNoTracking()
            join s in db.SingleSignOnSettings.AsNoTracking() on u.OrganizationId equals s.OrganizationId
            where u.NormalizedEmail == normalized && s.Enabled && s.SsoOnly && s.BreakGlassUserId != u.Id
            select u.Id).AnyAsync(cancellationToken);
        return !refused;
    }
}
