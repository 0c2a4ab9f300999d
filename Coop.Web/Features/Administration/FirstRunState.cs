using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration;

/// <summary>
/// Knows whether Coop has been set up (any user exists). Once true it is cached for the life of the
/// process; until then each question goes to the database, so a user created by the CLI counts at once.
/// </summary>
public sealed class FirstRunState(IDbContextFactory<CoopDbContext> factory)
{
    private volatile bool isSetUp;

    public async Task<bool> IsSetUpAsync(CancellationToken cancellationToken = default)
    {
        if (isSetUp)
        {
            return true;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        isSetUp = await db.Users.AnyAsync(cancellationToken);
        return isSetUp;
    }

    public void MarkSetUp() => isSetUp = true;
}
