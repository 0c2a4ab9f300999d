using System.Security.Cryptography;
using System.Text;
using Coop.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Administration;

/// <summary>
/// Knows whether Coop has been set up (any user exists). Once true it is cached for the life of the
/// process; until then each question goes to the database, so a user created by the CLI counts at once.
/// </summary>
public sealed class FirstRunState(IDbContextFactory<CoopDbContext> factory)
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    private volatile bool isSetUp;

    /// <summary>
    /// A one-time code printed on the server's console while Coop is not set up. The setup page asks for it,
    /// so only someone who can see the server's output can claim a freshly exposed instance.
    /// </summary>
    public string SetupCode { get; } = string.Join('-', Enumerable.Range(0, 3).Select(_ => new string(RandomNumberGenerator.GetItems<char>(Alphabet, 4))));

    public bool IsValidSetupCode(string? code)
    {
        var normalized = (code ?? string.Empty).Trim().ToUpperInvariant();
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(normalized), Encoding.UTF8.GetBytes(SetupCode));
    }

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
