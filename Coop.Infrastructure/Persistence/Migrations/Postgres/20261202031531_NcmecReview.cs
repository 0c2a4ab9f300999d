using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coop.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NcmecReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "NcmecJobContents",
                columns: table => new
                {
                    JobId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserItemId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UserItemTypeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    UserResolved = table.Column<bool>(type: "boolean", nullable: false),
                    MediaJson = table.Column<string>(type: "text", nullable: false),
                    MediaCount = table.Column<int>(type: "integer", nullable: false),
                    OmittedItemCount = table.Column<int>(type: "integer", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NcmecJobContents", x => x.JobId);
                    table.ForeignKey(
                        name: "FK_NcmecJobContents_ReviewJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "ReviewJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NcmecJobItems",
                columns: table => new
                {
                    JobId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ItemTypeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ItemId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    OrganizationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NcmecJobItems", x => new { x.JobId, x.ItemTypeId, x.ItemId });
                    table.ForeignKey(
                        name: "FK_NcmecJobItems_ReviewJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "ReviewJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NcmecJobItems_OrganizationId_ItemTypeId_ItemId",
                table: "NcmecJobItems",
                columns: new[] { "OrganizationId", "ItemTypeId", "ItemId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NcmecJobContents");

            migrationBuilder.DropTable(
                name: "NcmecJobItems");
        }
    }
}
