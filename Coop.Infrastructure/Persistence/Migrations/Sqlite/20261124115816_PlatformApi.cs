using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coop.Infrastructure.Persistence.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PlatformApi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ActionRevisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ActionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Change = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionRevisions_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Actions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ActionType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CallbackUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: true),
                    CustomBody = table.Column<string>(type: "TEXT", nullable: true),
                    ApplyUserStrikes = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<DateTime>(type: "TEXT", nullable: false),
                    AppliesToKinds = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Headers = table.Column<string>(type: "TEXT", nullable: false),
                    ItemTypeIds = table.Column<string>(type: "TEXT", nullable: false),
                    Parameters = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Actions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Actions_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Appeals",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AppealId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AppealedById = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    AppealedByTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AppealedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ItemTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ActionsTaken = table.Column<string>(type: "TEXT", nullable: false),
                    AppealReason = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    ViolatingPolicyIds = table.Column<string>(type: "TEXT", nullable: false),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RoutedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Appeals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Appeals_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Items",
                columns: table => new
                {
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ItemTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    LatestSubmissionId = table.Column<long>(type: "INTEGER", nullable: false),
                    SubmissionCount = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatorId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatorTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ThreadId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ThreadTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Items", x => new { x.OrganizationId, x.ItemTypeId, x.ItemId });
                    table.ForeignKey(
                        name: "FK_Items_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ItemSubmissions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ItemTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ItemTypeVersion = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SchemaVariant = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Data = table.Column<string>(type: "TEXT", nullable: false),
                    CreatorId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CreatorTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ThreadId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ThreadTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ParentId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    ParentTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PlatformCreatedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 512, nullable: true),
                    IsDeleted = table.Column<bool>(type: "INTEGER", nullable: true),
                    Source = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ProcessingAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LeaseOwner = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ItemSubmissions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ItemSubmissions_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ItemTypeRevisions",
                columns: table => new
                {
                    ItemTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IsDefaultUserType = table.Column<bool>(type: "INTEGER", nullable: false),
                    SchemaJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ItemTypeRevisions", x => new { x.ItemTypeId, x.Version });
                    table.ForeignKey(
                        name: "FK_ItemTypeRevisions_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ItemTypes",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    IsDefaultUserType = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    SchemaJson = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ItemTypes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ItemTypes_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "OutboxMessages",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ActionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: true),
                    ItemTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TargetUrl = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    HeadersJson = table.Column<string>(type: "TEXT", nullable: false),
                    Body = table.Column<string>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    AttemptCount = table.Column<int>(type: "INTEGER", nullable: false),
                    RoundAttemptCount = table.Column<int>(type: "INTEGER", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LeaseUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LeaseToken = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeliveredAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastAttemptAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastStatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    LastDurationMs = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutboxMessages", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutboxMessages_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Policies",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ParentId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    EnforcementGuidelines = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: true),
                    Penalty = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    UserStrikeCount = table.Column<int>(type: "INTEGER", nullable: false),
                    ApplyUserStrikeCountToChildren = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Policies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Policies_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Policies_Policies_ParentId",
                        column: x => x.ParentId,
                        principalTable: "Policies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "PolicyRevisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PolicyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Change = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    Snapshot = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PolicyRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PolicyRevisions_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Reports",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReporterKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    ReporterId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ReporterTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ReportedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 256, nullable: false),
                    ItemTypeId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PolicyId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 5000, nullable: true),
                    IsCsam = table.Column<bool>(type: "INTEGER", nullable: false),
                    ReportedItemsInThread = table.Column<string>(type: "TEXT", nullable: false),
                    RequestId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RoutedAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Reports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Reports_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "WebhookSigningKeys",
                columns: table => new
                {
                    Id = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ActiveOrganizationId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PublicKeyPem = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    ProtectedPrivateKey = table.Column<string>(type: "TEXT", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RetiredAt = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookSigningKeys", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WebhookSigningKeys_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "AppealContextItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmissionId = table.Column<long>(type: "INTEGER", nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AppealContextItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AppealContextItems_Appeals_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "Appeals",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_AppealContextItems_ItemSubmissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "ItemSubmissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DeliveryAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OutboxMessageId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AttemptNumber = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DurationMs = table.Column<int>(type: "INTEGER", nullable: false),
                    StatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DeliveryAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DeliveryAttempts_OutboxMessages_OutboxMessageId",
                        column: x => x.OutboxMessageId,
                        principalTable: "OutboxMessages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReportContextItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Role = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmissionId = table.Column<long>(type: "INTEGER", nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReportContextItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReportContextItems_ItemSubmissions_SubmissionId",
                        column: x => x.SubmissionId,
                        principalTable: "ItemSubmissions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReportContextItems_Reports_OwnerId",
                        column: x => x.OwnerId,
                        principalTable: "Reports",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ActionRevisions_ActionId_Version",
                table: "ActionRevisions",
                columns: new[] { "ActionId", "Version" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionRevisions_OrganizationId",
                table: "ActionRevisions",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_Actions_OrganizationId_Name",
                table: "Actions",
                columns: new[] { "OrganizationId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AppealContextItems_OwnerId",
                table: "AppealContextItems",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_AppealContextItems_SubmissionId",
                table: "AppealContextItems",
                column: "SubmissionId");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_OrganizationId_AppealId",
                table: "Appeals",
                columns: new[] { "OrganizationId", "AppealId" });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_OrganizationId_ItemTypeId_ItemId",
                table: "Appeals",
                columns: new[] { "OrganizationId", "ItemTypeId", "ItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_RoutedAt_ReceivedAt",
                table: "Appeals",
                columns: new[] { "RoutedAt", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DeliveryAttempts_OutboxMessageId_AttemptNumber",
                table: "DeliveryAttempts",
                columns: new[] { "OutboxMessageId", "AttemptNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Items_OrganizationId_CreatorTypeId_CreatorId",
                table: "Items",
                columns: new[] { "OrganizationId", "CreatorTypeId", "CreatorId" });

            migrationBuilder.CreateIndex(
                name: "IX_ItemSubmissions_OrganizationId_CreatorTypeId_CreatorId_ReceivedAt",
                table: "ItemSubmissions",
                columns: new[] { "OrganizationId", "CreatorTypeId", "CreatorId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ItemSubmissions_OrganizationId_ItemTypeId_ItemId_Id",
                table: "ItemSubmissions",
                columns: new[] { "OrganizationId", "ItemTypeId", "ItemId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ItemSubmissions_OrganizationId_ThreadTypeId_ThreadId_ReceivedAt",
                table: "ItemSubmissions",
                columns: new[] { "OrganizationId", "ThreadTypeId", "ThreadId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ItemSubmissions_ProcessedAt_Id",
                table: "ItemSubmissions",
                columns: new[] { "ProcessedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ItemTypeRevisions_OrganizationId",
                table: "ItemTypeRevisions",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_ItemTypes_OrganizationId_Kind",
                table: "ItemTypes",
                columns: new[] { "OrganizationId", "Kind" });

            migrationBuilder.CreateIndex(
                name: "IX_ItemTypes_OrganizationId_Name",
                table: "ItemTypes",
                columns: new[] { "OrganizationId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_OrganizationId_CreatedAt",
                table: "OutboxMessages",
                columns: new[] { "OrganizationId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_OrganizationId_ItemTypeId_ItemId",
                table: "OutboxMessages",
                columns: new[] { "OrganizationId", "ItemTypeId", "ItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_OutboxMessages_Status_NextAttemptAt",
                table: "OutboxMessages",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Policies_OrganizationId_Name",
                table: "Policies",
                columns: new[] { "OrganizationId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Policies_OrganizationId_ParentId",
                table: "Policies",
                columns: new[] { "OrganizationId", "ParentId" });

            migrationBuilder.CreateIndex(
                name: "IX_Policies_ParentId",
                table: "Policies",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_PolicyRevisions_OrganizationId",
                table: "PolicyRevisions",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_PolicyRevisions_PolicyId_Version",
                table: "PolicyRevisions",
                columns: new[] { "PolicyId", "Version" });

            migrationBuilder.CreateIndex(
                name: "IX_ReportContextItems_OwnerId",
                table: "ReportContextItems",
                column: "OwnerId");

            migrationBuilder.CreateIndex(
                name: "IX_ReportContextItems_SubmissionId",
                table: "ReportContextItems",
                column: "SubmissionId");

            migrationBuilder.CreateIndex(
                name: "IX_Reports_OrganizationId_ItemTypeId_ItemId_ReceivedAt",
                table: "Reports",
                columns: new[] { "OrganizationId", "ItemTypeId", "ItemId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_OrganizationId_ReporterTypeId_ReporterId",
                table: "Reports",
                columns: new[] { "OrganizationId", "ReporterTypeId", "ReporterId" });

            migrationBuilder.CreateIndex(
                name: "IX_Reports_RoutedAt_ReceivedAt",
                table: "Reports",
                columns: new[] { "RoutedAt", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookSigningKeys_ActiveOrganizationId",
                table: "WebhookSigningKeys",
                column: "ActiveOrganizationId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_WebhookSigningKeys_OrganizationId_CreatedAt",
                table: "WebhookSigningKeys",
                columns: new[] { "OrganizationId", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActionRevisions");

            migrationBuilder.DropTable(
                name: "Actions");

            migrationBuilder.DropTable(
                name: "AppealContextItems");

            migrationBuilder.DropTable(
                name: "DeliveryAttempts");

            migrationBuilder.DropTable(
                name: "Items");

            migrationBuilder.DropTable(
                name: "ItemTypeRevisions");

            migrationBuilder.DropTable(
                name: "ItemTypes");

            migrationBuilder.DropTable(
                name: "Policies");

            migrationBuilder.DropTable(
                name: "PolicyRevisions");

            migrationBuilder.DropTable(
                name: "ReportContextItems");

            migrationBuilder.DropTable(
                name: "WebhookSigningKeys");

            migrationBuilder.DropTable(
                name: "Appeals");

            migrationBuilder.DropTable(
                name: "OutboxMessages");

            migrationBuilder.DropTable(
                name: "ItemSubmissions");

            migrationBuilder.DropTable(
                name: "Reports");
        }
    }
}
