using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiLianBang.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ElevatorArchive : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Cameras",
                table: "Elevators",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<string>(
                name: "Components",
                table: "Elevators",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.AddColumn<int>(
                name: "Doors",
                table: "Elevators",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "FactoryNumber",
                table: "Elevators",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "LastInspectionDate",
                table: "Elevators",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "MaintenanceContractStartDate",
                table: "Elevators",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublicToken",
                table: "Elevators",
                type: "TEXT",
                maxLength: 32,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "RegistrationAuthority",
                table: "Elevators",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RenovationUnit",
                table: "Elevators",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Stops",
                table: "Elevators",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "UsagePlace",
                table: "Elevators",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UnitCategory",
                table: "Companies",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            // Archives made before these columns: a token each (the unique index needs them distinct) and
            // stops/doors taken from the landings, which is what they were before the archive told them apart.
            migrationBuilder.Sql(@"UPDATE ""Elevators"" SET ""PublicToken"" = lower(hex(randomblob(16)));");
            migrationBuilder.Sql(@"UPDATE ""Elevators"" SET ""Stops"" = ""Floors"", ""Doors"" = ""Floors"";");

            migrationBuilder.CreateIndex(
                name: "IX_Elevators_PublicToken",
                table: "Elevators",
                column: "PublicToken",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Elevators_PublicToken",
                table: "Elevators");

            migrationBuilder.DropColumn(
                name: "Cameras",
                table: "Elevators");

            migrationBuilder.DropColumn(
                name: "Components",
                table: "Elevators");

            migrationBuilder.DropColumn(
                name: "Doors",
                table: "Elevators");

            migrationBuilder.DropColumn(
                name: "FactoryNumber",
                table: "Elevators");

            migrationBuilder.DropColumn(
                name: "LastInspectionDate",
                table: "Elevators");

            migrationBuilder.DropColumn(
                name: "MaintenanceContractStartDate",
                table: "Elevators");

            migrationBuilder.DropColumn(
                name: "PublicToken",
                table: "Elevators");

            migrationBuilder.DropColumn(
                name: "RegistrationAuthority",
                table: "Elevators");

            migrationBuilder.DropColumn(
                name: "RenovationUnit",
                table: "Elevators");

            migrationBuilder.DropColumn(
                name: "Stops",
                table: "Elevators");

            migrationBuilder.DropColumn(
                name: "UsagePlace",
                table: "Elevators");

            migrationBuilder.DropColumn(
                name: "UnitCategory",
                table: "Companies");
        }
    }
}
