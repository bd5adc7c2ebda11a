using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CheckoutConsole.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class TeamMode : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Timeline_CartId",
                table: "Timeline");

            migrationBuilder.AddColumn<string>(
                name: "LeaseOwner",
                table: "Operations",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LeaseUntil",
                table: "Operations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AccessTokens",
                columns: table => new
                {
                    Hash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    Username = table.Column<string>(type: "TEXT", nullable: false),
                    IssuedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessTokens", x => x.Hash);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: false),
                    Xml = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Timeline_CartId_Id",
                table: "Timeline",
                columns: new[] { "CartId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Operations_Status_LeaseUntil",
                table: "Operations",
                columns: new[] { "Status", "LeaseUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_AccessTokens_ExpiresAt",
                table: "AccessTokens",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_AccessTokens_UserId",
                table: "AccessTokens",
                column: "UserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccessTokens");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropIndex(
                name: "IX_Timeline_CartId_Id",
                table: "Timeline");

            migrationBuilder.DropIndex(
                name: "IX_Operations_Status_LeaseUntil",
                table: "Operations");

            migrationBuilder.DropColumn(
                name: "LeaseOwner",
                table: "Operations");

            migrationBuilder.DropColumn(
                name: "LeaseUntil",
                table: "Operations");

            migrationBuilder.CreateIndex(
                name: "IX_Timeline_CartId",
                table: "Timeline",
                column: "CartId");
        }
    }
}
