using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coop.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Investigation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActionExecutionPolicies",
                columns: table => new
                {
                    ExecutionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PolicyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ItemTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionExecutionPolicies", x => new { x.ExecutionId, x.PolicyId });
                    table.ForeignKey(
                        name: "FK_ActionExecutionPolicies_ActionExecutions_ExecutionId",
                        column: x => x.ExecutionId,
                        principalTable: "ActionExecutions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Items_OrganizationId_CreatorId_CreatorTypeId",
                table: "Items",
                columns: new[] { "OrganizationId", "CreatorId", "CreatorTypeId" });

            migrationBuilder.CreateIndex(
                name: "IX_Items_OrganizationId_ItemId",
                table: "Items",
                columns: new[] { "OrganizationId", "ItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_Items_OrganizationId_LastSeenAt_ItemTypeId_ItemId",
                table: "Items",
                columns: new[] { "OrganizationId", "LastSeenAt", "ItemTypeId", "ItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionExecutions_OrganizationId_ActionId_ItemTypeId_ItemId",
                table: "ActionExecutions",
                columns: new[] { "OrganizationId", "ActionId", "ItemTypeId", "ItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionExecutionPolicies_OrganizationId_PolicyId_ItemTypeId_ItemId",
                table: "ActionExecutionPolicies",
                columns: new[] { "OrganizationId", "PolicyId", "ItemTypeId", "ItemId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActionExecutionPolicies");

            migrationBuilder.DropIndex(
                name: "IX_Items_OrganizationId_CreatorId_CreatorTypeId",
                table: "Items");

            migrationBuilder.DropIndex(
                name: "IX_Items_OrganizationId_ItemId",
                table: "Items");

            migrationBuilder.DropIndex(
                name: "IX_Items_OrganizationId_LastSeenAt_ItemTypeId_ItemId",
                table: "Items");

            migrationBuilder.DropIndex(
                name: "IX_ActionExecutions_OrganizationId_ActionId_ItemTypeId_ItemId",
                table: "ActionExecutions");
        }
    }
}
