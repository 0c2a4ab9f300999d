using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coop.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ChildSafety : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "NcmecSettings",
                columns: table => new
                {
                    OrganizationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ActiveEnvironment = table.Column<int>(type: "integer", nullable: false),
                    ProtectedTestCredentials = table.Column<string>(type: "text", nullable: true),
                    ProtectedProductionCredentials = table.Column<string>(type: "text", nullable: true),
                    ReporterEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    ContactFirstName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ContactLastName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ContactPhone = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ContactEmail = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    CompanyTemplate = table.Column<string>(type: "character varying(3000)", maxLength: 3000, nullable: true),
                    EspServiceName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    TermsOfService = table.Column<string>(type: "character varying(3000)", maxLength: 3000, nullable: true),
                    LegalUrl = table.Column<string>(type: "character varying(2083)", maxLength: 2083, nullable: true),
                    MoreInfoUrl = table.Column<string>(type: "character varying(2083)", maxLength: 2083, nullable: true),
                    DefaultInternetDetailType = table.Column<int>(type: "integer", nullable: true),
                    AdditionalInfoWebhookUrl = table.Column<string>(type: "character varying(2083)", maxLength: 2083, nullable: true),
                    PreservationWebhookUrl = table.Column<string>(type: "character varying(2083)", maxLength: 2083, nullable: true),
                    MediaReviewRequirement = table.Column<int>(type: "integer", nullable: false),
                    MinimumMediaToReview = table.Column<int>(type: "integer", nullable: false),
                    PostReportActionIdsJson = table.Column<string>(type: "text", nullable: false),
                    PostReportPolicyIdsJson = table.Column<string>(type: "text", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NcmecSettings", x => x.OrganizationId);
                    table.ForeignKey(
                        name: "FK_NcmecSettings_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NcmecSubmissions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    JobId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReviewerUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    UserItemId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    UserItemTypeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Environment = table.Column<int>(type: "integer", nullable: false),
                    RequestJson = table.Column<string>(type: "text", nullable: false),
                    State = table.Column<int>(type: "integer", nullable: false),
                    ReportId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NcmecSubmissions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NcmecSubmissions_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_NcmecSubmissions_JobId",
                table: "NcmecSubmissions",
                column: "JobId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NcmecSubmissions_OrganizationId_UserItemTypeId_UserItemId",
                table: "NcmecSubmissions",
                columns: new[] { "OrganizationId", "UserItemTypeId", "UserItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_NcmecSubmissions_State_UpdatedAt",
                table: "NcmecSubmissions",
                columns: new[] { "State", "UpdatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "NcmecSettings");

            migrationBuilder.DropTable(
                name: "NcmecSubmissions");
        }
    }
}
