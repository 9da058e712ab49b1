using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiLianBang.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DailyElevatorFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ElevatorDays",
                columns: table => new
                {
                    ElevatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Runs = table.Column<long>(type: "INTEGER", nullable: false),
                    RunHours = table.Column<double>(type: "REAL", nullable: false),
                    DoorCycles = table.Column<long>(type: "INTEGER", nullable: false),
                    CounterReadings = table.Column<int>(type: "INTEGER", nullable: false),
                    FirstRuns = table.Column<long>(type: "INTEGER", nullable: true),
                    LastRuns = table.Column<long>(type: "INTEGER", nullable: true),
                    LastRunHours = table.Column<double>(type: "REAL", nullable: true),
                    LastDoorCycles = table.Column<long>(type: "INTEGER", nullable: true),
                    Trips = table.Column<int>(type: "INTEGER", nullable: false),
                    RunningSeconds = table.Column<double>(type: "REAL", nullable: false),
                    StateChanges = table.Column<int>(type: "INTEGER", nullable: false),
                    Faults = table.Column<int>(type: "INTEGER", nullable: false),
                    Disconnects = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ElevatorDays", x => new { x.ElevatorId, x.Day });
                    table.ForeignKey(
                        name: "FK_ElevatorDays_Elevators_ElevatorId",
                        column: x => x.ElevatorId,
                        principalTable: "Elevators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ElevatorDays_Day",
                table: "ElevatorDays",
                column: "Day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ElevatorDays");
        }
    }
}
