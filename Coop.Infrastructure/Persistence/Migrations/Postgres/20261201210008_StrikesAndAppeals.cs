using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coop.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StrikesAndAppeals : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ExpiredAt",
                table: "UserStrikes",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AppealUndoActionsJson",
                table: "ReviewSettings",
                type: "text",
                nullable: false,
                defaultValue: "{}");

            migrationBuilder.AddColumn<bool>(
                name: "AppealsEnabled",
                table: "ReviewSettings",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateIndex(
                name: "IX_UserStrikes_ExpiredAt_ExpiresAt",
                table: "UserStrikes",
                columns: new[] { "ExpiredAt", "ExpiresAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_UserStrikes_ExpiredAt_ExpiresAt",
                table: "UserStrikes");

            migrationBuilder.DropColumn(
                name: "ExpiredAt",
                table: "UserStrikes");

            migrationBuilder.DropColumn(
                name: "AppealUndoActionsJson",
                table: "ReviewSettings");

            migrationBuilder.DropColumn(
                name: "AppealsEnabled",
                table: "ReviewSettings");
        }
    }
}
