using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coop.Infrastructure.Persistence.Migrations.Postgres
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
                name: "IX_UserStrikes_OrganizationId_UserItemTypeId_UserItemId_Create~",
                table: "UserStrikes",
                columns: new[] { "OrganizationId", "UserItemTypeId", "UserItemId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_OrganizationId_ReporterTypeId_ReporterId_ReceivedAt",
                table: "Reports",
                columns: new[] { "OrganizationId", "ReporterTypeId", "ReporterId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Items_OrganizationId_CreatorTypeId_CreatorId_LastSeenAt_Ite~",
                table: "Items",
                columns: new[] { "OrganizationId", "CreatorTypeId", "CreatorId", "LastSeenAt", "ItemTypeId", "ItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_OrganizationId_AppealedByTypeId_AppealedById_Receiv~",
                table: "Appeals",
                columns: new[] { "OrganizationId", "AppealedByTypeId", "AppealedById", "ReceivedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UserStrikes_OrganizationId_UserItemTypeId_UserItemId_Create~",
                table: "UserStrikes");

            migrationBuilder.DropIndex(
                name: "IX_Reports_OrganizationId_ReporterTypeId_ReporterId_ReceivedAt",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_Items_OrganizationId_CreatorTypeId_CreatorId_LastSeenAt_Ite~",
                table: "Items");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_OrganizationId_AppealedByTypeId_AppealedById_Receiv~",
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
