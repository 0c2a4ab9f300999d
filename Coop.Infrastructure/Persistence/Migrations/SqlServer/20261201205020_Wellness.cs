using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coop.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Wellness : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WellnessSettings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OrganizationId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    BlurLevel = table.Column<int>(type: "int", nullable: true),
                    Tone = table.Column<int>(type: "int", nullable: true),
                    UnblurOnHover = table.Column<bool>(type: "bit", nullable: true),
                    MuteVideos = table.Column<bool>(type: "bit", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WellnessSettings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WellnessSettings_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WellnessSettings_OrganizationId_UserId",
                table: "WellnessSettings",
                columns: new[] { "OrganizationId", "UserId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WellnessSettings");
        }
    }
}
