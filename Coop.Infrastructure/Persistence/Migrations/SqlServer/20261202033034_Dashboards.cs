using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coop.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Dashboards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DashboardCounters",
                columns: table => new
                {
                    OrganizationId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Series = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    HourStart = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Key1 = table.Column<string>(type: "nvarchar(160)", maxLength: 160, nullable: false),
                    Key2 = table.Column<string>(type: "nvarchar(160)", maxLength: 160, nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardCounters", x => new { x.OrganizationId, x.Series, x.HourStart, x.Key1, x.Key2 });
                });

            migrationBuilder.CreateTable(
                name: "QueueDashboardSettings",
                columns: table => new
                {
                    QueueId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    SlaMinutes = table.Column<int>(type: "int", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueDashboardSettings", x => x.QueueId);
                    table.ForeignKey(
                        name: "FK_QueueDashboardSettings_ReviewQueues_QueueId",
                        column: x => x.QueueId,
                        principalTable: "ReviewQueues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewJobs_Dashboard_Claims",
                table: "ReviewJobs",
                columns: new[] { "OrganizationId", "ClaimExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewJobs_Dashboard_Created",
                table: "ReviewJobs",
                columns: new[] { "OrganizationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_Dashboard",
                table: "Reports",
                columns: new[] { "OrganizationId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_JobEvents_Dashboard",
                table: "JobEvents",
                columns: new[] { "OrganizationId", "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_Dashboard",
                table: "Appeals",
                columns: new[] { "OrganizationId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_QueueDashboardSettings_OrganizationId",
                table: "QueueDashboardSettings",
                column: "OrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DashboardCounters");

            migrationBuilder.DropTable(
                name: "QueueDashboardSettings");

            migrationBuilder.DropIndex(
                name: "IX_ReviewJobs_Dashboard_Claims",
                table: "ReviewJobs");

            migrationBuilder.DropIndex(
                name: "IX_ReviewJobs_Dashboard_Created",
                table: "ReviewJobs");

            migrationBuilder.DropIndex(
                name: "IX_Reports_Dashboard",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_JobEvents_Dashboard",
                table: "JobEvents");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_Dashboard",
                table: "Appeals");
        }
    }
}
