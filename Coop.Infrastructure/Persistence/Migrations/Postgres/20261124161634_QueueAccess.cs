using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coop.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QueueAccess : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "HiddenActionIds",
                table: "ReviewQueues",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ReviewerRoleIds",
                table: "ReviewQueues",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "ReviewerUserIds",
                table: "ReviewQueues",
                type: "text",
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "HiddenActionIds",
                table: "ReviewQueues");

            migrationBuilder.DropColumn(
                name: "ReviewerRoleIds",
                table: "ReviewQueues");

            migrationBuilder.DropColumn(
                name: "ReviewerUserIds",
                table: "ReviewQueues");
        }
    }
}
