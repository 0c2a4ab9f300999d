using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Coop.Infrastructure.Persistence.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ReviewConsole : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "JobId",
                table: "Reports",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "StrikeTtlDays",
                table: "Organizations",
                type: "int",
                nullable: false,
                defaultValue: 90);

            migrationBuilder.AddColumn<string>(
                name: "JobId",
                table: "Appeals",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ActionExecutions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ActionId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ActionName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ItemId = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    ItemTypeId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UserItemId = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    UserItemTypeId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Source = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    CorrelationId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    ActorUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    ActorEmail = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ActorNote = table.Column<string>(type: "nvarchar(max)", maxLength: 5000, nullable: true),
                    DecisionReason = table.Column<string>(type: "nvarchar(max)", maxLength: 5000, nullable: true),
                    Policies = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Rules = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Parameters = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    RelatedItems = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    JobId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    OutboxMessageId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ExecutedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ActionExecutions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ActionExecutions_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewQueues",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(max)", maxLength: 5000, nullable: true),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    IsDefault = table.Column<bool>(type: "bit", nullable: false),
                    Ordering = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ReviewerUserIds = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ReviewerRoleIds = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    HiddenActionIds = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewQueues", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewQueues_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewSettings",
                columns: table => new
                {
                    OrganizationId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RequirePolicyForDecisions = table.Column<bool>(type: "bit", nullable: false),
                    RequireReasonOnAction = table.Column<bool>(type: "bit", nullable: false),
                    RequireReasonOnIgnore = table.Column<bool>(type: "bit", nullable: false),
                    AllowMultiplePoliciesPerAction = table.Column<bool>(type: "bit", nullable: false),
                    HideSkipForNonAdmins = table.Column<bool>(type: "bit", nullable: false),
                    IgnoreCallbackUrl = table.Column<string>(type: "nvarchar(2048)", maxLength: 2048, nullable: true),
                    AppealCallbackUrl = table.Column<string>(type: "nvarchar(2048)", maxLength: 2048, nullable: true),
                    AppealCallbackHeadersJson = table.Column<string>(type: "nvarchar(max)", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "StrikeThresholds",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OrganizationId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Threshold = table.Column<int>(type: "int", nullable: false),
                    ActionIds = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ActionParameters = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StrikeThresholds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StrikeThresholds_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UserNotes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OrganizationId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UserItemTypeId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UserItemId = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    AuthorUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Text = table.Column<string>(type: "nvarchar(max)", maxLength: 5000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserNotes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UserNotes_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "UserStrikes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OrganizationId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UserItemTypeId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UserItemId = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    PolicyId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Weight = table.Column<int>(type: "int", nullable: false),
                    CorrelationId = table.Column<string>(type: "nvarchar(128)", maxLength: 128, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RemovedAt = table.Column<DateTime>(type: "datetime2", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserStrikes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_UserStrikes_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "QueueStars",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    QueueId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    StarredAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QueueStars", x => new { x.UserId, x.QueueId });
                    table.ForeignKey(
                        name: "FK_QueueStars_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_QueueStars_ReviewQueues_QueueId",
                        column: x => x.QueueId,
                        principalTable: "ReviewQueues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewJobs",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    QueueId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ItemId = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    ItemTypeId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    OpenItemKey = table.Column<string>(type: "nvarchar(321)", maxLength: 321, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ReportCount = table.Column<int>(type: "int", nullable: false),
                    AppealId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    PolicyIds = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    PriorityScore = table.Column<double>(type: "float", nullable: false),
                    ClaimedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    ClaimExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ClosedByUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewJobs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewJobs_ReviewQueues_QueueId",
                        column: x => x.QueueId,
                        principalTable: "ReviewQueues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "RoutingRules",
                columns: table => new
                {
                    Id = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    ConditionJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    TargetQueueId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RoutingRules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_RoutingRules_Organizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "Organizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_RoutingRules_ReviewQueues_TargetQueueId",
                        column: x => x.TargetQueueId,
                        principalTable: "ReviewQueues",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "JobComments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OrganizationId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    JobId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    AuthorUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    AuthorName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Text = table.Column<string>(type: "nvarchar(max)", maxLength: 5000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobComments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JobComments_ReviewJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "ReviewJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "JobEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OrganizationId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    JobId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    UserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    OtherUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    Detail = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_JobEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_JobEvents_ReviewJobs_JobId",
                        column: x => x.JobId,
                        principalTable: "ReviewJobs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ReviewDecisions",
                columns: table => new
                {
                    JobId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    QueueId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ItemTypeId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ItemId = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(24)", maxLength: 24, nullable: false),
                    ReviewerUserId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: true),
                    ReviewerEmail = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ActionIds = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    PolicyIds = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(max)", maxLength: 5000, nullable: true),
                    TargetQueueId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    TargetJobId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    JobCreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DecidedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "IX_Reports_JobId",
                table: "Reports",
                column: "JobId");

            migrationBuilder.CreateIndex(
                name: "IX_Appeals_JobId",
                table: "Appeals",
                column: "JobId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionExecutions_CorrelationId",
                table: "ActionExecutions",
                column: "CorrelationId");

            migrationBuilder.CreateIndex(
                name: "IX_ActionExecutions_OrganizationId_ExecutedAt",
                table: "ActionExecutions",
                columns: new[] { "OrganizationId", "ExecutedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionExecutions_OrganizationId_ItemTypeId_ItemId_ExecutedAt",
                table: "ActionExecutions",
                columns: new[] { "OrganizationId", "ItemTypeId", "ItemId", "ExecutedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ActionExecutions_OrganizationId_UserItemTypeId_UserItemId_ExecutedAt",
                table: "ActionExecutions",
                columns: new[] { "OrganizationId", "UserItemTypeId", "UserItemId", "ExecutedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_JobComments_JobId_CreatedAt",
                table: "JobComments",
                columns: new[] { "JobId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_JobEvents_JobId_At",
                table: "JobEvents",
                columns: new[] { "JobId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_JobEvents_UserId_Kind_At",
                table: "JobEvents",
                columns: new[] { "UserId", "Kind", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_QueueStars_QueueId",
                table: "QueueStars",
                column: "QueueId");

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

            migrationBuilder.CreateIndex(
                name: "IX_ReviewJobs_ClaimedByUserId_ClaimExpiresAt",
                table: "ReviewJobs",
                columns: new[] { "ClaimedByUserId", "ClaimExpiresAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewJobs_OrganizationId_ItemTypeId_ItemId",
                table: "ReviewJobs",
                columns: new[] { "OrganizationId", "ItemTypeId", "ItemId" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewJobs_QueueId_OpenItemKey",
                table: "ReviewJobs",
                columns: new[] { "QueueId", "OpenItemKey" },
                unique: true,
                filter: "[OpenItemKey] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewJobs_QueueId_Status_CreatedAt",
                table: "ReviewJobs",
                columns: new[] { "QueueId", "Status", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewJobs_QueueId_Status_PriorityScore_CreatedAt",
                table: "ReviewJobs",
                columns: new[] { "QueueId", "Status", "PriorityScore", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewQueues_OrganizationId_Name",
                table: "ReviewQueues",
                columns: new[] { "OrganizationId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_RoutingRules_OrganizationId_Kind_Position",
                table: "RoutingRules",
                columns: new[] { "OrganizationId", "Kind", "Position" });

            migrationBuilder.CreateIndex(
                name: "IX_RoutingRules_TargetQueueId",
                table: "RoutingRules",
                column: "TargetQueueId");

            migrationBuilder.CreateIndex(
                name: "IX_StrikeThresholds_OrganizationId_Threshold",
                table: "StrikeThresholds",
                columns: new[] { "OrganizationId", "Threshold" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UserNotes_OrganizationId_UserItemTypeId_UserItemId_CreatedAt",
                table: "UserNotes",
                columns: new[] { "OrganizationId", "UserItemTypeId", "UserItemId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_UserStrikes_CorrelationId",
                table: "UserStrikes",
                column: "CorrelationId");

            migrationBuilder.CreateIndex(
                name: "IX_UserStrikes_OrganizationId_UserItemTypeId_UserItemId_ExpiresAt",
                table: "UserStrikes",
                columns: new[] { "OrganizationId", "UserItemTypeId", "UserItemId", "ExpiresAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ActionExecutions");

            migrationBuilder.DropTable(
                name: "JobComments");

            migrationBuilder.DropTable(
                name: "JobEvents");

            migrationBuilder.DropTable(
                name: "QueueStars");

            migrationBuilder.DropTable(
                name: "ReviewDecisions");

            migrationBuilder.DropTable(
                name: "ReviewSettings");

            migrationBuilder.DropTable(
                name: "RoutingRules");

            migrationBuilder.DropTable(
                name: "StrikeThresholds");

            migrationBuilder.DropTable(
                name: "UserNotes");

            migrationBuilder.DropTable(
                name: "UserStrikes");

            migrationBuilder.DropTable(
                name: "ReviewJobs");

            migrationBuilder.DropTable(
                name: "ReviewQueues");

            migrationBuilder.DropIndex(
                name: "IX_Reports_JobId",
                table: "Reports");

            migrationBuilder.DropIndex(
                name: "IX_Appeals_JobId",
                table: "Appeals");

            migrationBuilder.DropColumn(
                name: "JobId",
                table: "Reports");

            migrationBuilder.DropColumn(
                name: "StrikeTtlDays",
                table: "Organizations");

            migrationBuilder.DropColumn(
                name: "JobId",
                table: "Appeals");
        }
    }
}
