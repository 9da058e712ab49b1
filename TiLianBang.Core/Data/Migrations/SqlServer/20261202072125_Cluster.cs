using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiLianBang.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class Cluster : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ClaimedBy",
                table: "Notifications",
                type: "nvarchar(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClaimedUntilUtc",
                table: "Notifications",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FriendlyName = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Xml = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "NodeLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Holder = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NodeLeases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "SharedKeys",
                columns: table => new
                {
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Value = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SharedKeys", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RepairOrderSteps_RescueStart",
                table: "RepairOrderStep",
                column: "RepairOrderId",
                unique: true,
                filter: "[Action] = 8");

            migrationBuilder.CreateIndex(
                name: "IX_RepairOrders_OpenRescue",
                table: "RepairOrders",
                column: "ElevatorId",
                unique: true,
                filter: "[Source] = 2 AND [State] <> 6 AND [State] <> 7");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "NodeLeases");

            migrationBuilder.DropTable(
                name: "SharedKeys");

            migrationBuilder.DropIndex(
                name: "IX_RepairOrderSteps_RescueStart",
                table: "RepairOrderStep");

            migrationBuilder.DropIndex(
                name: "IX_RepairOrders_OpenRescue",
                table: "RepairOrders");

            migrationBuilder.DropColumn(
                name: "ClaimedBy",
                table: "Notifications");

            migrationBuilder.DropColumn(
                name: "ClaimedUntilUtc",
                table: "Notifications");
        }
    }
}
