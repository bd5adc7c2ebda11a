using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CheckoutConsole.Domain.Data;

/// <summary>Creates (or upgrades) the schema and loads the demo data into an empty database.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<CheckoutDbContext> factory, IOptions<DatabaseOptions> options, TimeProvider clock)
{
    // Every instance of the console takes this advisory lock to initialize; the key is "Checkout" in ASCII.
    private const string TakeInitializationLock = "SELECT pg_advisory_lock(4857243675797714292)";
    private const string ReleaseInitializationLock = "SELECT pg_advisory_unlock(4857243675797714292)";

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (options.Value.IsPostgreSql)
        {
            await InitializePostgreSqlAsync(db, ct);
            return;
        }

        if (options.Value.IsSqlite)
        {
            // Migrations, not EnsureCreated: a later schema change upgrades a durable file in place.
            await db.Database.MigrateAsync(ct);
            if (db.Database.GetDbConnection() is SqliteConnection { DataSource: not (":memory:" or "") } connection
                && !connection.ConnectionString.Contains("Mode=Memory", StringComparison.OrdinalIgnoreCase))
            {
                // WAL lets readers work while a writer commits; Microsoft.Data.Sqlite retries busy locks up to the command timeout.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }
        }
        else
        {
            await db.Database.EnsureCreatedAsync(ct);
        }

        await SeedAsync(db, ct);
    }

    /// <summary>
    /// Team mode: instances may start at the same moment on an empty database. A session-level
    /// advisory lock lets one of them migrate and load the demo data while the others wait, then
    /// find the schema current and the data there.
    /// </summary>
    private async Task InitializePostgreSqlAsync(CheckoutDbContext db, CancellationToken ct)
    {
        // Waiting for another instance's migration can outlast the usual 30 s command timeout on a busy machine.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync(TakeInitializationLock, ct);
            try
            {
                await db.Database.MigrateAsync(ct);
                await SeedAsync(db, ct);
            }
            finally
            {
                await db.Database.ExecuteSqlRawAsync(ReleaseInitializationLock, CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task SeedAsync(CheckoutDbContext db, CancellationToken ct)
    {
        if (options.Value.SeedDemoData)
        {
            await DemoData.SeedIfEmptyAsync(db, clock.GetUtcNow().UtcDateTime, ct);
        }
    }
}
