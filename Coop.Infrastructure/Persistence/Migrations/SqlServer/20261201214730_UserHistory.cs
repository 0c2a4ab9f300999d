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

            migrationBuilder.AddColumn<string>(
                name: "UserItemId",
                table: "ReviewDecisions",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UserItemTypeId",
                table: "ReviewDecisions",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UserItemId",
                table: "Reports",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UserItemTypeId",
                table: "Reports",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UserItemId",
                table: "Appeals",
                type: "nvarchar(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UserItemTypeId",
                table: "Appeals",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_UserStrikes_OrganizationId_UserItemTypeId_UserItemId_CreatedAt",
                table: "UserStrikes",
                columns: new[] { "OrganizationId", "UserItemTypeId", "UserItemId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewDecisions_OrganizationId_UserItemTypeId_UserItemId_DecidedAt_JobId",
                table: "ReviewDecisions",
                columns: new[] { "OrganizationId", "UserItemTypeId", "UserItemId", "DecidedAt", "JobId" });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_OrganizationId_ReporterTypeId_ReporterId_ReceivedAt_Id",
                table: "Reports",
                columns: new[] { "OrganizationId", "ReporterTypeId", "ReporterId", "ReceivedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_OrganizationId_UserItemTypeId_UserItemId_ReceivedAt_Id",
                table: "Reports",
                columns: new[] { "OrganizationId", "UserItemTypeId", "UserItemId", "ReceivedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Items_OrganizationId_CreatorTypeId_CreatorId_LastSeenAt_ItemTypeId_ItemId",
                table: "Items",
                columns: new[] { "OrganizationId", "CreatorTypeId", "CreatorId", "LastSeenAt", "ItemTypeId", "ItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_OrganizationId_AppealedByTypeId_AppealedById_ReceivedAt_Id",
                table: "Appeals",
                columns: new[] { "OrganizationId", "AppealedByTypeId", "AppealedById", "ReceivedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_OrganizationId_UserItemTypeId_UserItemId_ReceivedAt_Id",
                table: "Appeals",
                columns: new[] { "OrganizationId", "UserItemTypeId", "UserItemId", "ReceivedAt", "Id" });

            UserHistoryBackfill.Apply(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UserStrikes_OrganizationId_UserItemTypeId_UserItemId_CreatedAt",
                table: "UserStrikes");

            migrationBuilder.DropIndex(
                name: "IX_ReviewDecisions_OrganizationId_UserItemTypeId_UserItemId_DecidedAt_JobId",
                table: "ReviewDecisions");

            migrationBuilder.DropIndex(
                name: "IX_Reports_OrganizationId_ReporterTypeId_ReporterId_ReceivedAt_Id",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_Reports_OrganizationId_UserItemTypeId_UserItemId_ReceivedAt_Id",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_Items_OrganizationId_CreatorTypeId_CreatorId_LastSeenAt_ItemTypeId_ItemId",
                table: "Items");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_OrganizationId_AppealedByTypeId_AppealedById_ReceivedAt_Id",
                table: "Appeals");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_OrganizationId_UserItemTypeId_UserItemId_ReceivedAt_Id",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "UserItemId",
                table: "ReviewDecisions");

            migrationBuilder.DropColumn(
                name: "UserItemTypeId",
                table: "ReviewDecisions");

            migrationBuilder.DropColumn(
                name: "UserItemId",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "UserItemTypeId",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "UserItemId",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "UserItemTypeId",
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
