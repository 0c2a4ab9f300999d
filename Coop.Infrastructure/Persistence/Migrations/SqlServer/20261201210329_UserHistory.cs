using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coop.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class UserHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Reports_OrganizationId_ReporterTypeId_ReporterId",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_Items_OrganizationId_CreatorTypeId_CreatorId",
                table: "Items");

            migrationBuilder.CreateIndex(
                name: "IX_UserStrikes_OrganizationId_UserItemTypeId_UserItemId_CreatedAt",
                table: "UserStrikes",
                columns: new[] { "OrganizationId", "UserItemTypeId", "UserItemId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_OrganizationId_ReporterTypeId_ReporterId_ReceivedAt",
                table: "Reports",
                columns: new[] { "OrganizationId", "ReporterTypeId", "ReporterId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Items_OrganizationId_CreatorTypeId_CreatorId_LastSeenAt_ItemTypeId_ItemId",
                table: "Items",
                columns: new[] { "OrganizationId", "CreatorTypeId", "CreatorId", "LastSeenAt", "ItemTypeId", "ItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_OrganizationId_AppealedByTypeId_AppealedById_ReceivedAt",
                table: "Appeals",
                columns: new[] { "OrganizationId", "AppealedByTypeId", "AppealedById", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UserStrikes_OrganizationId_UserItemTypeId_UserItemId_CreatedAt",
                table: "UserStrikes");

            migrationBuilder.DropIndex(
                name: "IX_Reports_OrganizationId_ReporterTypeId_ReporterId_ReceivedAt",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_Items_OrganizationId_CreatorTypeId_CreatorId_LastSeenAt_ItemTypeId_ItemId",
                table: "Items");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_OrganizationId_AppealedByTypeId_AppealedById_ReceivedAt",
                table: "Appeals");

            migrationBuilder.CreateIndex(
                name: "IX_Reports_OrganizationId_ReporterTypeId_ReporterId",
                table: "Reports",
                columns: new[] { "OrganizationId", "ReporterTypeId", "ReporterId" });

            migrationBuilder.CreateIndex(
                name: "IX_Items_OrganizationId_CreatorTypeId_CreatorId",
                table: "Items",
                columns: new[] { "OrganizationId", "CreatorTypeId", "CreatorId" });
        }
    }
}
