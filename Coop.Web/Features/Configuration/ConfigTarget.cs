using Coop.Domain.Organizations;
using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Configuration;

/// <summary>Finds the organization an operator names (by id or name; with none, the only one there is).</summary>
internal static class ConfigTarget
{
    public static async Task<Organization> FindAsync(CoopDbContext db, string? organization, CancellationToken cancellationToken)
    {
        var wanted = organization?.Trim();
        if (!string.IsNullOrEmpty(wanted))
        {
            return await db.Organizations.FirstOrDefaultAsync(o => o.Id == wanted || o.Name == wanted, cancellationToken)
                ?? throw new ValidationFailedException("Organization", $"No organization has the id or name '{wanted}'.");
        }

        var candidates = await db.Organizations.Take(2).ToListAsync(cancellationToken);
        return candidates.Count == 1
            ? candidates[0]
            : throw new ValidationFailedException("Organization", "Name the organization with --org (there is not exactly one).");
    }
}
