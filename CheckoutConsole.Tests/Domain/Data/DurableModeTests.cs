using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Orders;
using CheckoutConsole.Domain.Services;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace CheckoutConsole.Tests.Domain.Data;

public sealed class DurableModeTests
{
    [Fact]
    public async Task Migrate_FromTheFirstMigration_KeepsTheDataAndAppliesTheRest()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cc-upgrade-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<CheckoutDbContext>().UseSqlite($"Data Source={file}").Options;
        try
        {
            string firstMigration;
            await using (var db = new CheckoutDbContext(options))
            {
                firstMigration = db.Database.GetMigrations().First();
                await db.GetService<IMigrator>().MigrateAsync(firstMigration);
                await DemoData.SeedIfEmptyAsync(db, new IdSequences(), new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
            }

            await using (var db = new CheckoutDbContext(options))
            {
                await db.Database.MigrateAsync();

                Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
                Assert.True(db.Database.GetMigrations().Count() > 1);
                Assert.Equal(6, await db.Carts.CountAsync());
                Assert.Equal(6, await db.Users.CountAsync());
                Assert.Contains(firstMigration, await db.Database.GetAppliedMigrationsAsync());
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task StoreConnections_OnASqliteFile_RunInWalModeWithSynchronousNormal()
    {
        await using var harness = await DomainHarness.CreateAsync(TestProvider.Sqlite);
        var store = harness.Services.GetRequiredService<CheckoutStore>();

        // SQLite's codes: synchronous 1 = NORMAL, 2 = FULL (its default).
        await using (var db = store.CreateContext())
        {
            Assert.Equal("wal", await PragmaAsync(db, "journal_mode"));
            Assert.Equal("1", await PragmaAsync(db, "synchronous"));
        }

        // The pooled connection again (the setting is kept with it), and one the factory opens by itself.
        await using (var db = store.CreateContext())
        {
            Assert.Equal("1", await PragmaAsync(db, "synchronous"));
        }

        await using (var db = harness.NewContext())
        {
            await db.Database.OpenConnectionAsync();
            Assert.Equal("1", await PragmaAsync(db, "synchronous"));
        }

        // A connection the store did not open keeps SQLite's default: the setting is the store's doing.
        await using var other = new SqliteConnection($"{harness.ConnectionString};Pooling=False");
        await other.OpenAsync();
        await using var command = other.CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        Assert.Equal("2", Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture));

        static async Task<string?> PragmaAsync(CheckoutDbContext db, string name)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"PRAGMA {name}";
            return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    [Fact]
    public async Task Initialize_ANewFileThenTheSameFileAgain_OnlyTheFirstStartCreatedItAndTheDemoDataIsThereOnce()
    {
        var file = Path.Combine(Path.GetTempPath(), $"cc-created-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<CheckoutDbContext>().UseSqlite($"Data Source={file}").Options;
        var settings = Microsoft.Extensions.Options.Options.Create(new DatabaseOptions { Provider = DatabaseOptions.Sqlite, ConnectionString = $"Data Source={file}" });
        try
        {
            var first = new DatabaseInitializer(new SameOptionsFactory(options), settings, new TestClock());
            await first.InitializeAsync();
            var second = new DatabaseInitializer(new SameOptionsFactory(options), settings, new TestClock());
            await second.InitializeAsync();

            await using var db = new CheckoutDbContext(options);
            // The worker recovers only after the second start: the first one made the file, nothing can be left in it.
            Assert.Equal((true, false), (first.CreatedInThisProcess, second.CreatedInThisProcess));
            Assert.Equal(6, await db.Users.CountAsync());
            Assert.Equal(6, await db.Carts.CountAsync());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(file);
        }
    }

    [Fact]
    public async Task RestartRecovery_AnOperationInterruptedWhileRunning_RunsAgainAndTheCheckoutFinishesWithOneOrder()
    {
        await using var harness = await DomainHarness.CreateAsync(TestProvider.Sqlite);
        var alice = harness.As(DemoData.Alice);
        var session = await harness.StartCheckoutAsync(alice, harness.Demo.AliceAcmeCart);
        await harness.AdvanceToAsync(alice, session, CheckoutFlow.CartToOrder);
        Assert.True((await harness.Service.AdvanceAsync(alice, session, CheckoutFlow.CartToOrder)).IsSuccess);
        Assert.True(harness.Queue.Reader.TryRead(out var operationId));
        await MarkRunningAsync(harness, operationId);

        var (requeued, stranded) = await RestartRecovery.RecoverAsync(harness.Services.GetRequiredService<CheckoutStore>());
        foreach (var id in requeued)
        {
            await harness.Runner.RunAsync(id);
        }

        await harness.AdvanceToAsync(alice, session, CheckoutFlow.OrderConfirmation);
        await harness.DrainQueueAsync();
        await using var db = harness.NewContext();
        Assert.Equal([operationId], requeued);
        Assert.Equal(0, stranded);
        Assert.Equal(OrderStatuses.Activated, (await db.Orders.SingleAsync()).Status);
        Assert.Single(await db.OrderSummaries.ToListAsync());
        Assert.Equal(CartStatuses.Closed, (await db.Carts.SingleAsync(c => c.Id == harness.Demo.AliceAcmeCart)).Status);
    }

    [Fact]
    public async Task RestartRecovery_ASessionProcessingWithNoOperation_EndsInErrorWithAnExplanationAndTheCartIsUsable()
    {
        await using var harness = await DomainHarness.CreateAsync(TestProvider.Sqlite);
        var alice = harness.As(DemoData.Alice);
        var session = await harness.StartCheckoutAsync(alice, harness.Demo.AliceAcmeCart);
        Assert.True((await harness.Admin.UpdateSessionFieldsAsync(alice, session, new SessionFieldChanges(null, false, null, true))).IsSuccess);

        var (requeued, stranded) = await RestartRecovery.RecoverAsync(harness.Services.GetRequiredService<CheckoutStore>());
        var canceled = await harness.Service.CancelCartAsyncOperationAsync(alice, harness.Demo.AliceAcmeCart);
        var restarted = await harness.Service.CheckoutSessionAsync(alice, harness.Demo.AliceAcmeCart);

        await using var db = harness.NewContext();
        var recovered = await db.Sessions.SingleAsync(s => s.Id == session);
        var output = await db.ValidationOutputs.Where(o => o.CartId == harness.Demo.AliceAcmeCart).ToListAsync();
        Assert.Equal((0, 1), (requeued.Count, stranded));
        Assert.Equal((CheckoutFlow.Error, false), (recovered.State, recovered.IsProcessing));
        Assert.True(canceled.IsSuccess && restarted.IsSuccess);
        Assert.Contains(await db.Timeline.ToListAsync(), t => t.Cause == "restart recovery" && t.Field == "IsProcessing");
        Assert.DoesNotContain(output, o => o.Level == ValidationLevels.Error);
    }

    private static async Task MarkRunningAsync(DomainHarness harness, string operationId)
    {
        await using var db = harness.NewContext();
        var operation = await db.Operations.SingleAsync(o => o.Id == operationId);
        operation.Start(harness.Clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
    }

    private sealed class SameOptionsFactory(DbContextOptions<CheckoutDbContext> options) : IDbContextFactory<CheckoutDbContext>
    {
        public CheckoutDbContext CreateDbContext() => new(options);
    }
}
