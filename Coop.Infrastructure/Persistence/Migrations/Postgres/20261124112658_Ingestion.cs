using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Coop.Infrastructure.Persistence.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Ingestion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Appeals",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AppealId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AppealedById = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AppealedByTypeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AppealedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ItemId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ItemTypeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ActionsTaken = table.Column<string>(type: "text", nullable: false),
                    AppealReason = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    ViolatingPolicyIds = table.Column<string>(type: "text", nullable: false),
                    RequestId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RoutedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                    OrganizationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ItemTypeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ItemId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    LatestSubmissionId = table.Column<long>(type: "bigint", nullable: false),
                    SubmissionCount = table.Column<int>(type: "integer", nullable: false),
                    FirstSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastSeenAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatorId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatorTypeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ThreadId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ThreadTypeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    OrganizationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ItemId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ItemTypeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ItemTypeVersion = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SchemaVariant = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Data = table.Column<string>(type: "text", nullable: false),
                    CreatorId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatorTypeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ThreadId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ThreadTypeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ParentId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ParentTypeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    PlatformCreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DisplayName = table.Column<string>(type: "character varying(512)", maxLength: 512, nullable: true),
                    IsDeleted = table.Column<bool>(type: "boolean", nullable: true),
                    Source = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RequestId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ProcessedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ProcessingAttempts = table.Column<int>(type: "integer", nullable: false),
                    LeaseUntil = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LeaseOwner = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
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
                name: "Reports",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OrganizationId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReporterKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    ReporterId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ReporterTypeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReportedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ItemId = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ItemTypeId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    PolicyId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Reason = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    IsCsam = table.Column<bool>(type: "boolean", nullable: false),
                    ReportedItemsInThread = table.Column<string>(type: "text", nullable: false),
                    RequestId = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    ReceivedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RoutedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
                name: "AppealContextItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    SubmissionId = table.Column<long>(type: "bigint", nullable: false),
                    OwnerId = table.Column<string>(type: "character varying(64)", nullable: false)
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
                name: "ReportContextItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Position = table.Column<int>(type: "integer", nullable: false),
                    SubmissionId = table.Column<long>(type: "bigint", nullable: false),
                    OwnerId = table.Column<string>(type: "character varying(64)", nullable: false)
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
                name: "IX_Items_OrganizationId_CreatorTypeId_CreatorId",
                table: "Items",
                columns: new[] { "OrganizationId", "CreatorTypeId", "CreatorId" });

            migrationBuilder.CreateIndex(
                name: "IX_ItemSubmissions_OrganizationId_CreatorTypeId_CreatorId_Rece~",
                table: "ItemSubmissions",
                columns: new[] { "OrganizationId", "CreatorTypeId", "CreatorId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ItemSubmissions_OrganizationId_ItemTypeId_ItemId_Id",
                table: "ItemSubmissions",
                columns: new[] { "OrganizationId", "ItemTypeId", "ItemId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_ItemSubmissions_OrganizationId_ThreadTypeId_ThreadId_Receiv~",
                table: "ItemSubmissions",
                columns: new[] { "OrganizationId", "ThreadTypeId", "ThreadId", "ReceivedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ItemSubmissions_ProcessedAt_Id",
                table: "ItemSubmissions",
                columns: new[] { "ProcessedAt", "Id" });

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
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AppealContextItems");

            migrationBuilder.DropTable(
                name: "Items");

            migrationBuilder.DropTable(
                name: "ReportContextItems");

            migrationBuilder.DropTable(
                name: "Appeals");

            migrationBuilder.DropTable(
                name: "ItemSubmissions");

            migrationBuilder.DropTable(
                name: "Reports");
        }
    }
}
