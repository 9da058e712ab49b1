using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiLianBang.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatisticsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_MaintenanceOrders_SubmittedAtUtc_WorkerId_State_DueOn_SignedInAtUtc",
                table: "MaintenanceOrders",
                columns: new[] { "SubmittedAtUtc", "WorkerId", "State", "DueOn", "SignedInAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_MaintenanceOrders_SubmittedAtUtc_WorkerId_State_DueOn_SignedInAtUtc",
                table: "MaintenanceOrders");
        }
    }
}
