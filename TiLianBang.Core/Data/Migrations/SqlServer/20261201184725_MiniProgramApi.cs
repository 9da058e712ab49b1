using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiLianBang.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class MiniProgramApi : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ReportedBy",
                table: "RepairOrders",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Firmware",
                table: "Devices",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Iccid",
                table: "Devices",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Imei",
                table: "Devices",
                type: "nvarchar(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "InfoReceivedAtUtc",
                table: "Devices",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastConnectedAtUtc",
                table: "Devices",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastDisconnectedAtUtc",
                table: "Devices",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastRemoteEndpoint",
                table: "Devices",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastServerNode",
                table: "Devices",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Model",
                table: "Devices",
                type: "nvarchar(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Signal",
                table: "Devices",
                type: "int",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Banners",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Title = table.Column<string>(type: "nvarchar(60)", maxLength: 60, nullable: false),
                    ImageStoredName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Link = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    SortOrder = table.Column<int>(type: "int", nullable: false),
                    ActiveFrom = table.Column<DateOnly>(type: "date", nullable: true),
                    ActiveUntil = table.Column<DateOnly>(type: "date", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Banners", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkSpecifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    CompanyId = table.Column<int>(type: "int", nullable: false),
                    Title = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Body = table.Column<string>(type: "nvarchar(max)", maxLength: 20000, nullable: false),
                    PdfStoredName = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    PdfFileName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    PdfLength = table.Column<long>(type: "bigint", nullable: false),
                    SortOrder = table.Column<int>(type: "int", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WorkSpecifications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WorkSpecifications_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RepairOrders_ReportedBy",
                table: "RepairOrders",
                column: "ReportedBy");

            migrationBuilder.CreateIndex(
                name: "IX_Devices_Imei",
                table: "Devices",
                column: "Imei");

            migrationBuilder.CreateIndex(
                name: "IX_Banners_SortOrder",
                table: "Banners",
                column: "SortOrder");

            migrationBuilder.CreateIndex(
                name: "IX_WorkSpecifications_CompanyId_SortOrder",
                table: "WorkSpecifications",
                columns: new[] { "CompanyId", "SortOrder" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Banners");

            migrationBuilder.DropTable(
                name: "WorkSpecifications");

            migrationBuilder.DropIndex(
                name: "IX_RepairOrders_ReportedBy",
                table: "RepairOrders");

            migrationBuilder.DropIndex(
                name: "IX_Devices_Imei",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "ReportedBy",
                table: "RepairOrders");

            migrationBuilder.DropColumn(
                name: "Firmware",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "Iccid",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "Imei",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "InfoReceivedAtUtc",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "LastConnectedAtUtc",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "LastDisconnectedAtUtc",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "LastRemoteEndpoint",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "LastServerNode",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "Model",
                table: "Devices");

            migrationBuilder.DropColumn(
                name: "Signal",
                table: "Devices");
        }
    }
}
