using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiLianBang.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatisticsIndexCompany : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MaintenanceOrders_SubmittedAtUtc_WorkerId_State_DueOn_SignedInAtUtc",
                table: "MaintenanceOrders");

            migrationBuilder.CreateIndex(
                name: "IX_MaintenanceOrders_SubmittedAtUtc_WorkerId_State_DueOn_SignedInAtUtc_ElevatorId",
                table: "MaintenanceOrders",
                columns: new[] { "SubmittedAtUtc", "WorkerId", "State", "DueOn", "SignedInAtUtc", "ElevatorId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MaintenanceOrders_SubmittedAtUtc_WorkerId_State_DueOn_SignedInAtUtc_ElevatorId",
                table: "MaintenanceOrders");

            migrationBuilder.CreateIndex(
                name: "IX_MaintenanceOrders_SubmittedAtUtc_WorkerId_State_DueOn_SignedInAtUtc",
                table: "MaintenanceOrders",
                columns: new[] { "SubmittedAtUtc", "WorkerId", "State", "DueOn", "SignedInAtUtc" });
        }
    }
}
