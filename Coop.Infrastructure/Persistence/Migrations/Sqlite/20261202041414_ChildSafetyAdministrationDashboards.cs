using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coop.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ChildSafetyAdministrationDashboards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "OutboundAllowListJson",
                table: "Organizations",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "After",
                table: "AuditEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Before",
                table: "AuditEntries",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PreviousHash",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "AuditEntries",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsDeactivated",
                table: "AspNetUsers",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastSignInAt",
                table: "AspNetUsers",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditChainHeads",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false),
                    LastVerifiedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastVerifiedIntact = table.Column<bool>(type: "INTEGER", nullable: true),
                    LastVerificationProblem = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditChainHeads", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DashboardCounters",
                columns: table => new
                {
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Series = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    HourStart = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Key1 = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    Key2 = table.Column<string>(type: "TEXT", maxLength: 160, nullable: false),
                    Value = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DashboardCounters", x => new { x.OrganizationId, x.Series, x.HourStart, x.Key1, x.Key2 });
                });

            migrationBuilder.CreateTable(
                name: "Invitations",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    RoleId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    AcceptedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AcceptedUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    RevokedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Invitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Invitations_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "NcmecJobContents",
                columns: table => new
                {
                    JobId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserItemId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UserItemTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserResolved = table.Column<bool>(type: "INTEGER", nullable: false),
                    MediaJson = table.Column<string>(type: "TEXT", nullable: false),
                    MediaCount = table.Column<int>(type: "INTEGER", nullable: false),
                    OmittedItemCount = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
                    JobId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ItemTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AddedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "NcmecSettings",
                columns: table => new
                {
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ActiveEnvironment = table.Column<int>(type: "INTEGER", nullable: false),
                    ProtectedTestCredentials = table.Column<string>(type: "TEXT", nullable: true),
                    ProtectedProductionCredentials = table.Column<string>(type: "TEXT", nullable: true),
                    ReporterEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    ContactFirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ContactLastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ContactPhone = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ContactEmail = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    CompanyTemplate = table.Column<string>(type: "TEXT", maxLength: 3000, nullable: true),
                    EspServiceName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    TermsOfService = table.Column<string>(type: "TEXT", maxLength: 3000, nullable: true),
                    LegalUrl = table.Column<string>(type: "TEXT", maxLength: 2083, nullable: true),
                    MoreInfoUrl = table.Column<string>(type: "TEXT", maxLength: 2083, nullable: true),
                    DefaultInternetDetailType = table.Column<int>(type: "INTEGER", nullable: true),
                    AdditionalInfoWebhookUrl = table.Column<string>(type: "TEXT", maxLength: 2083, nullable: true),
                    PreservationWebhookUrl = table.Column<string>(type: "TEXT", maxLength: 2083, nullable: true),
                    MediaReviewRequirement = table.Column<int>(type: "INTEGER", nullable: false),
                    MinimumMediaToReview = table.Column<int>(type: "INTEGER", nullable: false),
                    PostReportActionIdsJson = table.Column<string>(type: "TEXT", nullable: false),
                    PostReportPolicyIdsJson = table.Column<string>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    TestCredentialsChangedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ProductionCredentialsChangedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CredentialsRefusedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CredentialsRefusedEnvironment = table.Column<int>(type: "INTEGER", nullable: true)
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
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    JobId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReviewerUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    UserItemId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    UserItemTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Environment = table.Column<int>(type: "INTEGER", nullable: false),
                    RequestJson = table.Column<string>(type: "TEXT", nullable: false),
                    State = table.Column<int>(type: "INTEGER", nullable: false),
                    ReportId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LeaseToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    FailureKind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FailedInState = table.Column<int>(type: "INTEGER", nullable: true),
                    FilesJson = table.Column<string>(type: "TEXT", nullable: false),
                    ReceiptXml = table.Column<string>(type: "TEXT", nullable: true),
                    FinishRequestId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    FiledFileIdsJson = table.Column<string>(type: "TEXT", nullable: false),
                    FileListMismatch = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    FiledAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    RetentionUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PreservationState = table.Column<int>(type: "INTEGER", nullable: false),
                    PreservationAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    PreservationLastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    PreservedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PostReportActionsRunAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    AbandonedReportsJson = table.Column<string>(type: "TEXT", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "QueueDashboardSettings",
                columns: table => new
                {
                    QueueId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SlaMinutes = table.Column<int>(type: "INTEGER", nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "SingleSignOnSettings",
                columns: table => new
                {
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    ProviderKind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Authority = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    TenantId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Instance = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    ClientId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ProtectedClientSecret = table.Column<string>(type: "TEXT", nullable: true),
                    ClientSecretChangedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Scopes = table.Column<string>(type: "TEXT", maxLength: 512, nullable: false),
                    AllowedEmailDomains = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    DefaultRoleId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    SsoOnly = table.Column<bool>(type: "INTEGER", nullable: false),
                    BreakGlassUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SingleSignOnSettings", x => x.OrganizationId);
                    table.ForeignKey(
                        name: "FK_SingleSignOnSettings_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "AuditChainHeads",
                columns: new[] { "Id", "Hash", "LastVerificationProblem", "LastVerifiedAt", "LastVerifiedIntact", "Sequence", "Version" },
                values: new object[] { "global", "0000000000000000000000000000000000000000000000000000000000000000", null, null, null, 0L, 0L });

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
                name: "IX_AuditEntries_OrganizationId_Id",
                table: "AuditEntries",
                columns: new[] { "OrganizationId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEntries_Sequence",
                table: "AuditEntries",
                column: "Sequence",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_Dashboard",
                table: "Appeals",
                columns: new[] { "OrganizationId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_OrganizationId_CreatedAt",
                table: "Invitations",
                columns: new[] { "OrganizationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Invitations_TokenHash",
                table: "Invitations",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NcmecJobItems_OrganizationId_ItemTypeId_ItemId",
                table: "NcmecJobItems",
                columns: new[] { "OrganizationId", "ItemTypeId", "ItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_NcmecSubmissions_JobId",
                table: "NcmecSubmissions",
                column: "JobId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NcmecSubmissions_OrganizationId_CreatedAt",
                table: "NcmecSubmissions",
                columns: new[] { "OrganizationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_NcmecSubmissions_OrganizationId_UserItemTypeId_UserItemId",
                table: "NcmecSubmissions",
                columns: new[] { "OrganizationId", "UserItemTypeId", "UserItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_NcmecSubmissions_State_NextAttemptAt",
                table: "NcmecSubmissions",
                columns: new[] { "State", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_NcmecSubmissions_State_UpdatedAt",
                table: "NcmecSubmissions",
                columns: new[] { "State", "UpdatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_QueueDashboardSettings_OrganizationId",
                table: "QueueDashboardSettings",
                column: "OrganizationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditChainHeads");

            migrationBuilder.DropTable(
                name: "DashboardCounters");

            migrationBuilder.DropTable(
                name: "Invitations");

            migrationBuilder.DropTable(
                name: "NcmecJobContents");

            migrationBuilder.DropTable(
                name: "NcmecJobItems");

            migrationBuilder.DropTable(
                name: "NcmecSettings");

            migrationBuilder.DropTable(
                name: "NcmecSubmissions");

            migrationBuilder.DropTable(
                name: "QueueDashboardSettings");

            migrationBuilder.DropTable(
                name: "SingleSignOnSettings");

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
                name: "IX_AuditEntries_OrganizationId_Id",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_AuditEntries_Sequence",
                table: "AuditEntries");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_Dashboard",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "OutboundAllowListJson",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "After",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Before",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "PreviousHash",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "IsDeactivated",
                table: "AspNetUsers");

            migrationBuilder.DropColumn(
                name: "LastSignInAt",
                table: "AspNetUsers");
        }
    }
}
