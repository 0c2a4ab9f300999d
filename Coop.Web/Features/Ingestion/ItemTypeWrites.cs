using Coop.Infrastructure.Persistence;
using Coop.Web.Application;
using Microsoft.EntityFrameworkCore;

namespace Coop.Web.Features.Ingestion;

/// <summary>What creating and updating an item type share: the name check and saving with clear refusals.</summary>
internal static class ItemTypeWrites
{
    public static async Task EnsureNameIsFreeAsync(CoopDbContext db, string organizationId, string name, string? exceptId, CancellationToken cancellationToken)
    {
        var wanted = name.Trim();
        var others = await db.ItemTypes.Where(t => t.OrganizationId == organizationId && t.Id != exceptId).Select(t => t.Name).ToListAsync(cancellationToken);
        if (wanted.Length > 0 && others.Any(n => string.Equals(n, wanted, StringComparison.OrdinalIgnoreCase)))
        {
            throw new ValidationFailedException("Name", $"An item type named '{name.Trim()}' already exists.");
        }
    }

    public static async Task SaveAsync(CoopDbContext db, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ValidationFailedException(string.Empty, "Someone else changed this item type meanwhile. Reload it and make your change again.");
        }
        catch (DbUpdateException)
        {
            throw new ValidationFailedException("Name", "An item type with this name already exists.");
        }
    }
}
