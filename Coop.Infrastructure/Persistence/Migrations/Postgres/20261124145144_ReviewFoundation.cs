using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coop.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReviewFoundation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReviewQueues",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    Kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    IsDefault = table.Column<bool>(type: "boolean", nullable: false),
                    Ordering = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewQueues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewQueues_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewJobs",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    QueueId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ItemId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ItemTypeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    OpenItemKey = table.Column<string>(type: "character varying(321)", maxLength: 321, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReportCount = table.Column<int>(type: "integer", nullable: false),
                    AppealId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PolicyIds = table.Column<string>(type: "text", nullable: false),
                    PriorityScore = table.Column<double>(type: "double precision", nullable: false),
                    ClaimedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ClaimExpiresAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewJobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewJobs_ReviewQueues_QueueId",
                        column: x => x.QueueId,
                        principalTable: "ReviewQueues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewJobs_ClaimedByUserId_ClaimExpiresAt",
                table: "ReviewJobs",
                columns: new[] { "ClaimedByUserId", "ClaimExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewJobs_OrganizationId_ItemTypeId_ItemId",
                table: "ReviewJobs",
                columns: new[] { "OrganizationId", "ItemTypeId", "ItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewJobs_QueueId_OpenItemKey",
                table: "ReviewJobs",
                columns: new[] { "QueueId", "OpenItemKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ReviewJobs_QueueId_Status_CreatedAt",
                table: "ReviewJobs",
                columns: new[] { "QueueId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewJobs_QueueId_Status_PriorityScore_CreatedAt",
                table: "ReviewJobs",
                columns: new[] { "QueueId", "Status", "PriorityScore", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewQueues_OrganizationId_Name",
                table: "ReviewQueues",
                columns: new[] { "OrganizationId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReviewJobs");

            migrationBuilder.DropTable(
                name: "ReviewQueues");
        }
    }
}
