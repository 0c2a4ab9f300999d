using Coop.Domain.ItemTypes;
using Coop.Infrastructure.Persistence;
using Coop.Web.Features.Ingestion;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coop.Tests.Support;

/// <summary>Creates item types with chosen ids straight through the domain, as a config import would.</summary>
public static class ItemTypeBuilder
{
    /// <summary>Creates an item type from Coop's schema JSON (<c>{ kind, fields: [ { name, type, required } ], schemaFieldRoles }</c>).</summary>
    public static async Task<string> CreateAsync(CoopAppFactory app, string organizationId, string id, string name, string schemaJson)
    {
        var factory = app.Services.GetRequiredService<IDbContextFactory<CoopDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        var (itemType, revision) = ItemType.Create(organizationId, name, null, ItemTypeSchema.FromJson(schemaJson), TimeProvider.System.GetUtcNow().UtcDateTime, "test", id);
        db.ItemTypes.Add(itemType);
        db.ItemTypeRevisions.Add(revision);
        await db.SaveChangesAsync();
        app.Services.GetRequiredService<ItemTypeCatalog>().Invalidate(organizationId);
        return itemType.Id;
    }

    public static string Fields(string kind, params (string Name, string Type, bool Required)[] fields) =>
        System.Text.Json.JsonSerializer.Serialize(new
        {
            kind,
            fields = fields.Select(f => new { name = f.Name, type = f.Type, required = f.Required }),
        });
}
