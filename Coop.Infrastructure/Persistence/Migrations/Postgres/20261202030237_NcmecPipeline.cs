using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coop.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class NcmecPipeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AbandonedReportsJson",
                table: "NcmecSubmissions",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "Attempts",
                table: "NcmecSubmissions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "FailedInState",
                table: "NcmecSubmissions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FailureKind",
                table: "NcmecSubmissions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FileListMismatch",
                table: "NcmecSubmissions",
                type: "character varying(4000)",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FiledAt",
                table: "NcmecSubmissions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FiledFileIdsJson",
                table: "NcmecSubmissions",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "FilesJson",
                table: "NcmecSubmissions",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "FinishRequestId",
                table: "NcmecSubmissions",
                type: "character varying(128)",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastError",
                table: "NcmecSubmissions",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LeaseToken",
                table: "NcmecSubmissions",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseUntil",
                table: "NcmecSubmissions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextAttemptAt",
                table: "NcmecSubmissions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<DateTime>(
                name: "PostReportActionsRunAt",
                table: "NcmecSubmissions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PreservationAttempts",
                table: "NcmecSubmissions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PreservationLastError",
                table: "NcmecSubmissions",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PreservationState",
                table: "NcmecSubmissions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "PreservedAt",
                table: "NcmecSubmissions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReceiptXml",
                table: "NcmecSubmissions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RetentionUntil",
                table: "NcmecSubmissions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "CredentialsRefusedAt",
                table: "NcmecSettings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CredentialsRefusedEnvironment",
                table: "NcmecSettings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ProductionCredentialsChangedAt",
                table: "NcmecSettings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "TestCredentialsChangedAt",
                table: "NcmecSettings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_NcmecSubmissions_OrganizationId_CreatedAt",
                table: "NcmecSubmissions",
                columns: new[] { "OrganizationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_NcmecSubmissions_State_NextAttemptAt",
                table: "NcmecSubmissions",
                columns: new[] { "State", "NextAttemptAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_NcmecSubmissions_OrganizationId_CreatedAt",
                table: "NcmecSubmissions");

            migrationBuilder.DropIndex(
                name: "IX_NcmecSubmissions_State_NextAttemptAt",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "AbandonedReportsJson",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "Attempts",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "FailedInState",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "FailureKind",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "FileListMismatch",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "FiledAt",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "FiledFileIdsJson",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "FilesJson",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "FinishRequestId",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "LastError",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "LeaseToken",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "NextAttemptAt",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "PostReportActionsRunAt",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "PreservationAttempts",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "PreservationLastError",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "PreservationState",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "PreservedAt",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "ReceiptXml",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "RetentionUntil",
                table: "NcmecSubmissions");

            migrationBuilder.DropColumn(
                name: "CredentialsRefusedAt",
                table: "NcmecSettings");

            migrationBuilder.DropColumn(
                name: "CredentialsRefusedEnvironment",
                table: "NcmecSettings");

            migrationBuilder.DropColumn(
                name: "ProductionCredentialsChangedAt",
                table: "NcmecSettings");

            migrationBuilder.DropColumn(
                name: "TestCredentialsChangedAt",
                table: "NcmecSettings");
        }
    }
}
