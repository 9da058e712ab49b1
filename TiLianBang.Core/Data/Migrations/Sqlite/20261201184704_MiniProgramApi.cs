using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiLianBang.Core.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Firmware",
                table: "Devices",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Iccid",
                table: "Devices",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Imei",
                table: "Devices",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "InfoReceivedAtUtc",
                table: "Devices",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastConnectedAtUtc",
                table: "Devices",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LastDisconnectedAtUtc",
                table: "Devices",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastRemoteEndpoint",
                table: "Devices",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastServerNode",
                table: "Devices",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Model",
                table: "Devices",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Signal",
                table: "Devices",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Banners",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    ImageStoredName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Link = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    ActiveFrom = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ActiveUntil = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Banners", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WorkSpecifications",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CompanyId = table.Column<int>(type: "INTEGER", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    PdfStoredName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    PdfFileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    PdfLength = table.Column<long>(type: "INTEGER", nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
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
