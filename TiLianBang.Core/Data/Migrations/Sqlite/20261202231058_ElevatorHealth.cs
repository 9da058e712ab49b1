using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiLianBang.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ElevatorHealth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ElevatorHealthHours",
                columns: table => new
                {
                    ElevatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    HourUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DoorCycles = table.Column<int>(type: "INTEGER", nullable: false),
                    Reopenings = table.Column<int>(type: "INTEGER", nullable: false),
                    Trips = table.Column<int>(type: "INTEGER", nullable: false),
                    FloorsTravelled = table.Column<int>(type: "INTEGER", nullable: false),
                    Stops = table.Column<int>(type: "INTEGER", nullable: false),
                    StopsOutsideZone = table.Column<int>(type: "INTEGER", nullable: false),
                    ModeChanges = table.Column<int>(type: "INTEGER", nullable: false),
                    DoorClosing_Count = table.Column<int>(type: "INTEGER", nullable: false),
                    DoorClosing_P95Ms = table.Column<int>(type: "INTEGER", nullable: false),
                    DoorClosing_SumMs = table.Column<long>(type: "INTEGER", nullable: false),
                    DoorDwell_Count = table.Column<int>(type: "INTEGER", nullable: false),
                    DoorDwell_P95Ms = table.Column<int>(type: "INTEGER", nullable: false),
                    DoorDwell_SumMs = table.Column<long>(type: "INTEGER", nullable: false),
                    DoorOpening_Count = table.Column<int>(type: "INTEGER", nullable: false),
                    DoorOpening_P95Ms = table.Column<int>(type: "INTEGER", nullable: false),
                    DoorOpening_SumMs = table.Column<long>(type: "INTEGER", nullable: false),
                    TripPerFloor_Count = table.Column<int>(type: "INTEGER", nullable: false),
                    TripPerFloor_P95Ms = table.Column<int>(type: "INTEGER", nullable: false),
                    TripPerFloor_SumMs = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ElevatorHealthHours", x => new { x.ElevatorId, x.HourUtc });
                    table.ForeignKey(
                        name: "FK_ElevatorHealthHours_Elevators_ElevatorId",
                        column: x => x.ElevatorId,
                        principalTable: "Elevators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HealthWarnings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ElevatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Metric = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    RaisedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DriftSinceUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EvaluatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Baseline = table.Column<double>(type: "REAL", nullable: false),
                    Spread = table.Column<double>(type: "REAL", nullable: false),
                    Observed = table.Column<double>(type: "REAL", nullable: false),
                    ChangePercent = table.Column<double>(type: "REAL", nullable: false),
                    FixedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FixedBy = table.Column<int>(type: "INTEGER", nullable: true),
                    FixNote = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RecoveredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Reopened = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HealthWarnings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HealthWarnings_Elevators_ElevatorId",
                        column: x => x.ElevatorId,
                        principalTable: "Elevators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SuspectedEntrapments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ElevatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    DeviceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    StuckSinceUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RaisedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Floor = table.Column<int>(type: "INTEGER", nullable: false),
                    Door = table.Column<int>(type: "INTEGER", nullable: false),
                    Mode = table.Column<int>(type: "INTEGER", nullable: false),
                    LoadPercent = table.Column<double>(type: "REAL", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    DecidedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DecidedBy = table.Column<int>(type: "INTEGER", nullable: true),
                    Note = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RepairOrderId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SuspectedEntrapments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SuspectedEntrapments_Elevators_ElevatorId",
                        column: x => x.ElevatorId,
                        principalTable: "Elevators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ElevatorHealthHours_HourUtc",
                table: "ElevatorHealthHours",
                column: "HourUtc");

            migrationBuilder.CreateIndex(
                name: "IX_HealthWarnings_ElevatorId_Metric_Status",
                table: "HealthWarnings",
                columns: new[] { "ElevatorId", "Metric", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_HealthWarnings_Status",
                table: "HealthWarnings",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_SuspectedEntrapments_ElevatorId_Status",
                table: "SuspectedEntrapments",
                columns: new[] { "ElevatorId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_SuspectedEntrapments_Status",
                table: "SuspectedEntrapments",
                column: "Status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ElevatorHealthHours");

            migrationBuilder.DropTable(
                name: "HealthWarnings");

            migrationBuilder.DropTable(
                name: "SuspectedEntrapments");
        }
    }
}
