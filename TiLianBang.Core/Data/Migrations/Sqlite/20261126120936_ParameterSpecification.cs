using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiLianBang.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ParameterSpecification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ParameterCategories",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ParentId = table.Column<int>(type: "INTEGER", nullable: true),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParameterCategories", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ParameterCategories_ParameterCategories_ParentId",
                        column: x => x.ParentId,
                        principalTable: "ParameterCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ParameterSpecs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    Minimum = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Maximum = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ParameterSpecs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ParameterSpecs_ParameterCategories_CategoryId",
                        column: x => x.CategoryId,
                        principalTable: "ParameterCategories",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ParameterCategories_ParentId",
                table: "ParameterCategories",
                column: "ParentId");

            migrationBuilder.CreateIndex(
                name: "IX_ParameterSpecs_CategoryId",
                table: "ParameterSpecs",
                column: "CategoryId");

            migrationBuilder.CreateIndex(
                name: "IX_ParameterSpecs_Code",
                table: "ParameterSpecs",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ParameterSpecs");

            migrationBuilder.DropTable(
                name: "ParameterCategories");
        }
    }
}
