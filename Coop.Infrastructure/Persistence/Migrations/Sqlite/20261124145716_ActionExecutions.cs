using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coop.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ActionExecutions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActionExecutions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ActionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ActionName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ItemTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserItemId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UserItemTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    CorrelationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ActorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ActorEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ActorNote = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    DecisionReason = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    Policies = table.Column<string>(type: "TEXT", nullable: false),
                    Rules = table.Column<string>(type: "TEXT", nullable: false),
                    Parameters = table.Column<string>(type: "TEXT", nullable: true),
                    RelatedItems = table.Column<string>(type: "TEXT", nullable: false),
                    JobId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    OutboxMessageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ExecutedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionExecutions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionExecutions_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActionExecutions_CorrelationId",
                table: "ActionExecutions",
                column: "CorrelationId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionExecutions_OrganizationId_ExecutedAt",
                table: "ActionExecutions",
                columns: new[] { "OrganizationId", "ExecutedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionExecutions_OrganizationId_ItemTypeId_ItemId_ExecutedAt",
                table: "ActionExecutions",
                columns: new[] { "OrganizationId", "ItemTypeId", "ItemId", "ExecutedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionExecutions_OrganizationId_UserItemTypeId_UserItemId_ExecutedAt",
                table: "ActionExecutions",
                columns: new[] { "OrganizationId", "UserItemTypeId", "UserItemId", "ExecutedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActionExecutions");
        }
    }
}
