using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CheckoutConsole.Domain.Data;

/// <summary>
/// For `dotnet ef migrations add` only: the migrations describe the durable (SQLite) schema; the
/// InMemory sandbox needs none.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CheckoutDbContext>
{
    public CheckoutDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<CheckoutDbContext>().UseSqlite("Data Source=design-time.db").Options);
}
