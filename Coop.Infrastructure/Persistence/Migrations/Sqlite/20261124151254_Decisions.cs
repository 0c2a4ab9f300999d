using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coop.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Decisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ReviewDecisions",
                columns: table => new
                {
                    JobId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    QueueId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ItemTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 24, nullable: false),
                    ReviewerUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ReviewerEmail = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ActionIds = table.Column<string>(type: "TEXT", nullable: false),
                    PolicyIds = table.Column<string>(type: "TEXT", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    TargetQueueId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TargetJobId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    JobCreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewDecisions", x => x.JobId);
                    table.ForeignKey(
                        name: "FK_ReviewDecisions_ReviewJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "ReviewJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewSettings",
                columns: table => new
                {
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RequirePolicyForDecisions = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequireReasonOnAction = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequireReasonOnIgnore = table.Column<bool>(type: "INTEGER", nullable: false),
                    AllowMultiplePoliciesPerAction = table.Column<bool>(type: "INTEGER", nullable: false),
                    HideSkipForNonAdmins = table.Column<bool>(type: "INTEGER", nullable: false),
                    IgnoreCallbackUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    AppealCallbackUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    AppealCallbackHeadersJson = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewSettings", x => x.OrganizationId);
                    table.ForeignKey(
                        name: "FK_ReviewSettings_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewDecisions_OrganizationId_DecidedAt",
                table: "ReviewDecisions",
                columns: new[] { "OrganizationId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewDecisions_OrganizationId_ItemTypeId_ItemId_DecidedAt",
                table: "ReviewDecisions",
                columns: new[] { "OrganizationId", "ItemTypeId", "ItemId", "DecidedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewDecisions_OrganizationId_ReviewerUserId_DecidedAt",
                table: "ReviewDecisions",
                columns: new[] { "OrganizationId", "ReviewerUserId", "DecidedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReviewDecisions");

            migrationBuilder.DropTable(
                name: "ReviewSettings");
        }
    }
}
