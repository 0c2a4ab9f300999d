using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coop.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DashboardDailyRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DashboardDailyCounters",
                columns: table => new
                {
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Series = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DayStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Key1 = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    Key2 = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardDailyCounters", x => new { x.OrganizationId, x.Series, x.DayStart, x.Key1, x.Key2 });
                });

            migrationBuilder.CreateTable(
                name: "DashboardDailyStates",
                columns: table => new
                {
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    TimeZone = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    BuiltAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardDailyStates", x => x.OrganizationId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DashboardCounters_Covering",
                table: "DashboardCounters",
                columns: new[] { "OrganizationId", "Series", "HourStart", "Key1", "Key2", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_DashboardDailyCounters_Covering",
                table: "DashboardDailyCounters",
                columns: new[] { "OrganizationId", "Series", "DayStart", "Key1", "Key2", "Value" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DashboardDailyCounters");

            migrationBuilder.DropTable(
                name: "DashboardDailyStates");

            migrationBuilder.DropIndex(
                name: "IX_DashboardCounters_Covering",
                table: "DashboardCounters");
        }
    }
}
