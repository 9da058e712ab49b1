using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiLianBang.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class DeviceRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FloorLabels",
                table: "Elevators",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "ConnectionChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeviceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ElevatorId = table.Column<int>(type: "INTEGER", nullable: true),
                    Online = table.Column<bool>(type: "INTEGER", nullable: false),
                    Reason = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ConnectionChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ConnectionChanges_Elevators_ElevatorId",
                        column: x => x.ElevatorId,
                        principalTable: "Elevators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "CounterReadings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeviceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ElevatorId = table.Column<int>(type: "INTEGER", nullable: true),
                    Runs = table.Column<long>(type: "INTEGER", nullable: false),
                    RunHours = table.Column<double>(type: "REAL", nullable: false),
                    DoorCycles = table.Column<long>(type: "INTEGER", nullable: false),
                    Distance = table.Column<double>(type: "REAL", nullable: true),
                    IsReset = table.Column<bool>(type: "INTEGER", nullable: false),
                    ResetCounters = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DeviceTimeUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CounterReadings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CounterReadings_Elevators_ElevatorId",
                        column: x => x.ElevatorId,
                        principalTable: "Elevators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "ElevatorEvents",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    DeviceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EventId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ElevatorId = table.Column<int>(type: "INTEGER", nullable: true),
                    Code = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Raised = table.Column<bool>(type: "INTEGER", nullable: false),
                    Floor = table.Column<int>(type: "INTEGER", nullable: true),
                    DetailJson = table.Column<string>(type: "TEXT", nullable: true),
                    DeviceTimeUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReceivedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ElevatorEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ElevatorEvents_Elevators_ElevatorId",
                        column: x => x.ElevatorId,
                        principalTable: "Elevators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "StateChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ElevatorId = table.Column<int>(type: "INTEGER", nullable: false),
                    DeviceId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Mode = table.Column<int>(type: "INTEGER", nullable: false),
                    Running = table.Column<bool>(type: "INTEGER", nullable: false),
                    Direction = table.Column<int>(type: "INTEGER", nullable: false),
                    Floor = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StateChanges", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StateChanges_Elevators_ElevatorId",
                        column: x => x.ElevatorId,
                        principalTable: "Elevators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ConnectionChanges_DeviceId_AtUtc",
                table: "ConnectionChanges",
                columns: new[] { "DeviceId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ConnectionChanges_ElevatorId_AtUtc",
                table: "ConnectionChanges",
                columns: new[] { "ElevatorId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CounterReadings_DeviceId_Id",
                table: "CounterReadings",
                columns: new[] { "DeviceId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CounterReadings_ElevatorId_ReceivedAtUtc",
                table: "CounterReadings",
                columns: new[] { "ElevatorId", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ElevatorEvents_DeviceId_EventId",
                table: "ElevatorEvents",
                columns: new[] { "DeviceId", "EventId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ElevatorEvents_ElevatorId_ReceivedAtUtc",
                table: "ElevatorEvents",
                columns: new[] { "ElevatorId", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_StateChanges_ElevatorId_AtUtc",
                table: "StateChanges",
                columns: new[] { "ElevatorId", "AtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ConnectionChanges");

            migrationBuilder.DropTable(
                name: "CounterReadings");

            migrationBuilder.DropTable(
                name: "ElevatorEvents");

            migrationBuilder.DropTable(
                name: "StateChanges");

            migrationBuilder.DropColumn(
                name: "FloorLabels",
                table: "Elevators");
        }
    }
}
