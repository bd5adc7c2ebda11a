using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Emulator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CheckoutConsole.Domain.Data;

/// <summary>Creates (or upgrades) the schema and loads the start scenario (the demo data by default) into an empty database.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<CheckoutDbContext> factory, IOptions<DatabaseOptions> options, TimeProvider clock, IdSequences ids, EmulatorControl emulator)
{
    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
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

        // A durable file's ids continue where its data left off; an empty database starts every sequence at 1.
        ids.Restart();
        ids.ContinueAfter(await ExistingIds.ReadAsync(db, ct));
        if (options.Value.SeedDemoData)
        {
            await ScenarioWriter.SeedIfEmptyAsync(db, ids, emulator.Scenario, clock.GetUtcNow().UtcDateTime, ct);
        }
    }
}
