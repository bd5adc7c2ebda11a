using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Emulator;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CheckoutConsole.Domain.Data;

/// <summary>Creates (or upgrades) the schema and loads the start scenario (the demo data by default) into an empty database.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<CheckoutDbContext> factory, IOptions<DatabaseOptions> options, TimeProvider clock,
    IdSequences? ids = null, EmulatorControl? emulator = null, SharedStateRefresh? shared = null)
{
    // Every instance of the console takes this advisory lock to initialize; the key is "Checkout" in ASCII.
    private const string TakeInitializationLock = "SELECT pg_advisory_lock(4857243675797714292)";
    private const string ReleaseInitializationLock = "SELECT pg_advisory_unlock(4857243675797714292)";

    /// <summary>
    /// True once <see cref="InitializeAsync"/> created the database in this process: it holds no work
    /// that a stopped process left behind, so the operation worker has nothing to recover.
    /// </summary>
    public bool CreatedInThisProcess { get; private set; }

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (options.Value.IsPostgreSql)
        {
            await InitializePostgreSqlAsync(db, ct);
            if (shared is not null)
            {
                // Faults, settings, clock and scenario as the team left them.
                await shared.LoadAsync(ct);
            }

            return;
        }

        bool created;
        if (options.Value.IsSqlite)
        {
            // Migrations, not EnsureCreated: a later schema change upgrades a durable file in place.
            if (db.Database.GetDbConnection() is SqliteConnection { DataSource: not (":memory:" or "") } connection
                && !connection.ConnectionString.Contains("Mode=Memory", StringComparison.OrdinalIgnoreCase))
            {
                // WAL lets readers work while a writer commits; Microsoft.Data.Sqlite retries busy locks up to the command timeout.
                // Before the migrations: the connections run with synchronous=NORMAL (SqliteSynchronousNormal),
                // which keeps the file consistent after a crash only in WAL mode.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            }

            created = !(await db.Database.GetAppliedMigrationsAsync(ct)).Any();
            await db.Database.MigrateAsync(ct);
        }
        else
        {
            created = await db.Database.EnsureCreatedAsync(ct);
        }

        await SeedAsync(db, created, ct);
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
                var created = !(await db.Database.GetAppliedMigrationsAsync(ct)).Any();
                await db.Database.MigrateAsync(ct);
                await SeedAsync(db, created, ct);
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

    private async Task SeedAsync(CheckoutDbContext db, bool created, CancellationToken ct)
    {
        // A durable database's ids continue where its data left off; an empty one starts every sequence at 1.
        // The start scenario is numbered here, in this process, so its ids are the same on every start
        // and provider; then the emulator's sequences (in team mode, the database's) continue after them.
        // A database created just now holds no ids: reading its twelve empty tables cost each start
        // twelve query compilations (about a tenth of the start's CPU time).
        var written = new IdSequences();
        if (!created)
        {
            written.ContinueAfter(await ExistingIds.ReadAsync(db, ct));
        }
        if (options.Value.SeedDemoData)
        {
            var scenario = emulator?.Scenario ?? DemoData.Scenario;
            var now = clock.GetUtcNow().UtcDateTime;
            if (created)
            {
                // Empty by construction: asking it first cost a start one more query compilation.
                await ScenarioWriter.SeedAsync(db, written, scenario, now, ct);
            }
            else
            {
                await ScenarioWriter.SeedIfEmptyAsync(db, written, scenario, now, ct);
            }
        }

        CreatedInThisProcess = created;

        if (ids is not null)
        {
            await ids.ContinueAfterAsync(written, ct);
        }
    }
}
