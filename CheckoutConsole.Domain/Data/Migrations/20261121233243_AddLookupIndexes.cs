using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CheckoutConsole.Domain.Data.Migrations
{
    /// <inheritdoc />
    public partial class AddLookupIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Timeline_SessionId",
                table: "Timeline",
                column: "SessionId");

            migrationBuilder.CreateIndex(
                name: "IX_Operations_CartId_Status",
                table: "Operations",
                columns: new[] { "CartId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Timeline_SessionId",
                table: "Timeline");

            migrationBuilder.DropIndex(
                name: "IX_Operations_CartId_Status",
                table: "Operations");
        }
    }
}
