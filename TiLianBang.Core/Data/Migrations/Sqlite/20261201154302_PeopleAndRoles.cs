using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace TiLianBang.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PeopleAndRoles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AvatarFile",
                table: "Accounts",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CertificateCategory",
                table: "Accounts",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "CertificateExpiresOn",
                table: "Accounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "CertificateNumber",
                table: "Accounts",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Job",
                table: "Accounts",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "WeChatBoundAtUtc",
                table: "Accounts",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CertificateWarnings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: false),
                    ExpiresOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ThresholdDays = table.Column<int>(type: "INTEGER", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CertificateWarnings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "VerificationCodes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Purpose = table.Column<int>(type: "INTEGER", nullable: false),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    ClientKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AccountId = table.Column<int>(type: "INTEGER", nullable: true),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    RequestedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FailedAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    UsedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VerificationCodes", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Accounts_PhoneNumber",
                table: "Accounts",
                column: "PhoneNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CertificateWarnings_AccountId_ExpiresOn_ThresholdDays",
                table: "CertificateWarnings",
                columns: new[] { "AccountId", "ExpiresOn", "ThresholdDays" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VerificationCodes_ClientKey_RequestedAtUtc",
                table: "VerificationCodes",
                columns: new[] { "ClientKey", "RequestedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_VerificationCodes_Phone_RequestedAtUtc",
                table: "VerificationCodes",
                columns: new[] { "Phone", "RequestedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CertificateWarnings");

            migrationBuilder.DropTable(
                name: "VerificationCodes");

            migrationBuilder.DropIndex(
                name: "IX_Accounts_PhoneNumber",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "AvatarFile",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "CertificateCategory",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "CertificateExpiresOn",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "CertificateNumber",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "Job",
                table: "Accounts");

            migrationBuilder.DropColumn(
                name: "WeChatBoundAtUtc",
                table: "Accounts");
        }
    }
}
