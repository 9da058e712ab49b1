using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiLianBang.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class LandingHealth : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_HealthWarnings_ElevatorId_Metric_Status",
                table: "HealthWarnings");

            migrationBuilder.AddColumn<int>(
                name: "Landing",
                table: "HealthWarnings",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ElevatorLandingDays",
                columns: table => new
                {
                    ElevatorId = table.Column<int>(type: "int", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Landing = table.Column<int>(type: "int", nullable: false),
                    DoorCycles = table.Column<int>(type: "int", nullable: false),
                    Reopenings = table.Column<int>(type: "int", nullable: false),
                    ClosingCount = table.Column<int>(type: "int", nullable: false),
                    ClosingSumMs = table.Column<long>(type: "bigint", nullable: false),
                    OpeningCount = table.Column<int>(type: "int", nullable: false),
                    OpeningSumMs = table.Column<long>(type: "bigint", nullable: false),
                    Stops = table.Column<int>(type: "int", nullable: false),
                    StopsOutsideZone = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ElevatorLandingDays", x => new { x.ElevatorId, x.Day, x.Landing });
                    table.ForeignKey(
                        name: "FK_ElevatorLandingDays_Elevators_ElevatorId",
                        column: x => x.ElevatorId,
                        principalTable: "Elevators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HealthWarnings_ElevatorId_Metric_Landing_Status",
                table: "HealthWarnings",
                columns: new[] { "ElevatorId", "Metric", "Landing", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ElevatorLandingDays_Day",
                table: "ElevatorLandingDays",
                column: "Day");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ElevatorLandingDays");

            migrationBuilder.DropIndex(
                name: "IX_HealthWarnings_ElevatorId_Metric_Landing_Status",
                table: "HealthWarnings");

            migrationBuilder.DropColumn(
                name: "Landing",
                table: "HealthWarnings");

            migrationBuilder.CreateIndex(
                name: "IX_HealthWarnings_ElevatorId_Metric_Status",
                table: "HealthWarnings",
                columns: new[] { "ElevatorId", "Metric", "Status" });
        }
    }
}
