using Microsoft.EntityFrameworkCore.Migrations;

namespace Coop.Infrastructure.Persistence;

/// <summary>
/// Fills the user a report, appeal or decision concerns for rows written before those columns existed: the user item
/// itself, else the item's author as last received. Plain SQL with quoted names, valid on SQLite, PostgreSQL and SQL
/// Server; called from each provider's <c>UserHistory</c> migration (keep the call when regenerating migrations).
/// </summary>
public static class UserHistoryBackfill
{
    public static void Apply(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var table in new[] { "Reports", "Appeals", "ReviewDecisions" })
        {
            migrationBuilder.Sql($"""
                UPDATE "{table}" SET "UserItemTypeId" = "ItemTypeId", "UserItemId" = "ItemId"
                WHERE "UserItemId" IS NULL
                  AND EXISTS (SELECT 1 FROM "ItemTypes" t WHERE t."Id" = "{table}"."ItemTypeId" AND t."Kind" = 'User');
                """);
            migrationBuilder.Sql($"""
                UPDATE "{table}" SET
                  "UserItemTypeId" = (SELECT i."CreatorTypeId" FROM "Items" i WHERE i."OrganizationId" = "{table}"."OrganizationId"
                                      AND i."ItemTypeId" = "{table}"."ItemTypeId" AND i."ItemId" = "{table}"."ItemId"),
                  "UserItemId" = (SELECT i."CreatorId" FROM "Items" i WHERE i."OrganizationId" = "{table}"."OrganizationId"
                                  AND i."ItemTypeId" = "{table}"."ItemTypeId" AND i."ItemId" = "{table}"."ItemId")
                WHERE "UserItemId" IS NULL;
                """);
        }
    }
}
