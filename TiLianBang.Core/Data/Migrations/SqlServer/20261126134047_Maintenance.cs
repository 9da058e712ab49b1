using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiLianBang.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Maintenance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "MaintenanceContractEndDate",
                table: "Elevators",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ExpiryWarnings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ElevatorId = table.Column<int>(type: "int", nullable: false),
                    Subject = table.Column<int>(type: "int", nullable: false),
                    SubjectDate = table.Column<DateOnly>(type: "date", nullable: false),
                    ThresholdDays = table.Column<int>(type: "int", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ExpiryWarnings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ExpiryWarnings_Elevators_ElevatorId",
                        column: x => x.ElevatorId,
                        principalTable: "Elevators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MaintenanceGroups",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CompanyId = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    LeaderId = table.Column<int>(type: "int", nullable: true),
                    MemberIds = table.Column<string>(type: "nvarchar(max)", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MaintenanceGroups", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MaintenanceGroups_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MaintenanceOrders",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Number = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    ElevatorId = table.Column<int>(type: "int", nullable: false),
                    ScheduleKey = table.Column<string>(type: "nvarchar(20)", maxLength: 20, nullable: false),
                    Mode = table.Column<int>(type: "int", nullable: false),
                    Period = table.Column<int>(type: "int", nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DueReason = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    State = table.Column<int>(type: "int", nullable: false),
                    WorkerId = table.Column<int>(type: "int", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AssignedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SignedInAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SignInLatitude = table.Column<double>(type: "float", nullable: true),
                    SignInLongitude = table.Column<double>(type: "float", nullable: true),
                    SubmittedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Notes = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ConfirmedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ConfirmedById = table.Column<int>(type: "int", nullable: true),
                    ConfirmedByName = table.Column<string>(type: "nvarchar(256)", maxLength: 256, nullable: true),
                    ConfirmationNote = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MaintenanceOrders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MaintenanceOrders_Elevators_ElevatorId",
                        column: x => x.ElevatorId,
                        principalTable: "Elevators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SystemSettings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false),
                    GeofenceRadiusMeters = table.Column<double>(type: "float", nullable: false),
                    WarningLeadDays = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    EscalationDefaultMinutes = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    GenerationHorizonDays = table.Column<int>(type: "int", nullable: false),
                    OnDemandMaxIntervalDays = table.Column<int>(type: "int", nullable: false),
                    OnDemandRunsThreshold = table.Column<long>(type: "bigint", nullable: false),
                    OnDemandRunHoursThreshold = table.Column<double>(type: "float", nullable: false),
                    OnDemandFaultThreshold = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SystemSettings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "MaintenancePlans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ElevatorId = table.Column<int>(type: "int", nullable: false),
                    GroupId = table.Column<int>(type: "int", nullable: true),
                    WorkerId = table.Column<int>(type: "int", nullable: true),
                    Mode = table.Column<int>(type: "int", nullable: false),
                    StartDate = table.Column<DateOnly>(type: "date", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MaintenancePlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MaintenancePlans_Elevators_ElevatorId",
                        column: x => x.ElevatorId,
                        principalTable: "Elevators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_MaintenancePlans_MaintenanceGroups_GroupId",
                        column: x => x.GroupId,
                        principalTable: "MaintenanceGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "MaintenanceOrderItems",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MaintenanceOrderId = table.Column<int>(type: "int", nullable: false),
                    Period = table.Column<int>(type: "int", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Requirement = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    NeedsPhoto = table.Column<bool>(type: "bit", nullable: false),
                    Result = table.Column<int>(type: "int", nullable: true),
                    Note = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MaintenanceOrderItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MaintenanceOrderItems_MaintenanceOrders_MaintenanceOrderId",
                        column: x => x.MaintenanceOrderId,
                        principalTable: "MaintenanceOrders",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "MaintenancePhotos",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MaintenanceOrderItemId = table.Column<int>(type: "int", nullable: false),
                    StoredName = table.Column<string>(type: "nvarchar(80)", maxLength: 80, nullable: false),
                    ContentType = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Length = table.Column<long>(type: "bigint", nullable: false),
                    UploadedBy = table.Column<int>(type: "int", nullable: true),
                    UploadedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MaintenancePhotos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MaintenancePhotos_MaintenanceOrderItems_MaintenanceOrderItemId",
                        column: x => x.MaintenanceOrderItemId,
                        principalTable: "MaintenanceOrderItems",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ExpiryWarnings_ElevatorId_Subject_SubjectDate_ThresholdDays",
                table: "ExpiryWarnings",
                columns: new[] { "ElevatorId", "Subject", "SubjectDate", "ThresholdDays" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MaintenanceGroups_CompanyId_Name",
                table: "MaintenanceGroups",
                columns: new[] { "CompanyId", "Name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MaintenanceOrderItems_MaintenanceOrderId",
                table: "MaintenanceOrderItems",
                column: "MaintenanceOrderId");

            migrationBuilder.CreateIndex(
                name: "IX_MaintenanceOrders_ElevatorId_ScheduleKey",
                table: "MaintenanceOrders",
                columns: new[] { "ElevatorId", "ScheduleKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MaintenanceOrders_Number",
                table: "MaintenanceOrders",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MaintenanceOrders_State_DueOn",
                table: "MaintenanceOrders",
                columns: new[] { "State", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_MaintenanceOrders_WorkerId_DueOn",
                table: "MaintenanceOrders",
                columns: new[] { "WorkerId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_MaintenancePhotos_MaintenanceOrderItemId",
                table: "MaintenancePhotos",
                column: "MaintenanceOrderItemId");

            migrationBuilder.CreateIndex(
                name: "IX_MaintenancePlans_ElevatorId",
                table: "MaintenancePlans",
                column: "ElevatorId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_MaintenancePlans_GroupId",
                table: "MaintenancePlans",
                column: "GroupId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ExpiryWarnings");

            migrationBuilder.DropTable(
                name: "MaintenancePhotos");

            migrationBuilder.DropTable(
                name: "MaintenancePlans");

            migrationBuilder.DropTable(
                name: "SystemSettings");

            migrationBuilder.DropTable(
                name: "MaintenanceOrderItems");

            migrationBuilder.DropTable(
                name: "MaintenanceGroups");

            migrationBuilder.DropTable(
                name: "MaintenanceOrders");

            migrationBuilder.DropColumn(
                name: "MaintenanceContractEndDate",
                table: "Elevators");
        }
    }
}
