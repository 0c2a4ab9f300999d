using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coop.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class BulkActions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BulkActionRuns",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ActorUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ActorEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ItemTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ActionIds = table.Column<string>(type: "TEXT", nullable: false),
                    ActionParameters = table.Column<string>(type: "TEXT", nullable: false),
                    PolicyIds = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    TotalItems = table.Column<int>(type: "INTEGER", nullable: false),
                    KnownItems = table.Column<int>(type: "INTEGER", nullable: false),
                    DoneItems = table.Column<int>(type: "INTEGER", nullable: false),
                    FailedItems = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinishedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkActionRuns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BulkActionRuns_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "BulkActionRunItems",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RunId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ProcessedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BulkActionRunItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BulkActionRunItems_BulkActionRuns_RunId",
                        column: x => x.RunId,
                        principalTable: "BulkActionRuns",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BulkActionRunItems_RunId_ItemId",
                table: "BulkActionRunItems",
                columns: new[] { "RunId", "ItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BulkActionRunItems_RunId_Status_Id",
                table: "BulkActionRunItems",
                columns: new[] { "RunId", "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_BulkActionRuns_OrganizationId_CreatedAt",
                table: "BulkActionRuns",
                columns: new[] { "OrganizationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_BulkActionRuns_Status_CreatedAt",
                table: "BulkActionRuns",
                columns: new[] { "Status", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BulkActionRunItems");

            migrationBuilder.DropTable(
                name: "BulkActionRuns");
        }
    }
}
