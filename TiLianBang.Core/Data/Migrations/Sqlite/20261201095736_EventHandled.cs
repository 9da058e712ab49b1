using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiLianBang.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EventHandled : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "HandledAtUtc",
                table: "ElevatorEvents",
                type: "TEXT",
                nullable: true);

            // Events stored before this release were handled when they were stored.
            migrationBuilder.Sql("UPDATE ElevatorEvents SET HandledAtUtc = ReceivedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_ElevatorEvents_HandledAtUtc",
                table: "ElevatorEvents",
                column: "HandledAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ElevatorEvents_HandledAtUtc",
                table: "ElevatorEvents");

            migrationBuilder.DropColumn(
                name: "HandledAtUtc",
                table: "ElevatorEvents");
        }
    }
}
