using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CheckoutConsole.Migrations.PostgreSQL.Migrations
{
    /// <inheritdoc />
    public partial class TokenCredentialStamp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CredentialStamp",
                table: "AccessTokens",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CredentialStamp",
                table: "AccessTokens");
        }
    }
}
