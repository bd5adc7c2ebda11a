using System.Diagnostics;
using CheckoutConsole.Domain;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Emulator;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Orders;
using CheckoutConsole.Domain.Services;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CheckoutConsole.Benchmarks;

/// <summary>
/// The five actions through the domain service, each next to the bare EF work it must do (the
/// same reads and writes, no checks, no timeline), on one provider. No worker runs: queued tasks
/// are run between measurements, outside the timed region.
/// </summary>
public sealed class DomainBenchmarks : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string _provider;
    private readonly string? _connectionString;
    private readonly string? _file;
    private readonly Caller _alice;
    private readonly List<string> _productIds;
    private readonly List<string> _measuredCarts = [];

    private DomainBenchmarks(ServiceProvider services, string provider, string? connectionString, string? file, Caller alice, List<string> productIds)
    {
        _services = services;
        _provider = provider;
        _connectionString = connectionString;
        _file = file;
        _alice = alice;
        _productIds = productIds;
    }

    public CheckoutService Service => _services.GetRequiredService<CheckoutService>();
    public CartService Carts => _services.GetRequiredService<CartService>();
    public CheckoutAdminService Admin => _services.GetRequiredService<CheckoutAdminService>();
    private IDbContextFactory<CheckoutDbContext> Factory => _services.GetRequiredService<IDbContextFactory<CheckoutDbContext>>();
    private IdSequences Ids => _services.GetRequiredService<IdSequences>();
    private OperationQueue Queue => _services.GetRequiredService<OperationQueue>();
    private OperationRunner Runner => _services.GetRequiredService<OperationRunner>();

    /// <summary>
    /// A fresh database with the demo data: InMemory by name, SQLite in a temporary file, PostgreSQL
    /// as a new database on the server that <paramref name="serverConnectionString"/> names (dropped
    /// again on dispose).
    /// </summary>
    public static async Task<DomainBenchmarks> CreateAsync(string provider, string? serverConnectionString = null)
    {
        var file = provider == DatabaseOptions.Sqlite ? Path.Combine(Path.GetTempPath(), $"checkout-bench-{Guid.NewGuid():N}.db") : null;
        var connectionString = provider switch
        {
            DatabaseOptions.InMemory => null,
            DatabaseOptions.Sqlite => $"Data Source={file}",
            _ => WithDatabase(serverConnectionString ?? throw new ArgumentException($"{provider} needs a server connection string."), $"checkout_bench_{Guid.NewGuid():N}"),
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:Name"] = $"bench-{Guid.NewGuid():N}",
            ["Database:ConnectionString"] = connectionString,
            ["Checkout:TaskLatencyMs"] = "0",
            ["Checkout:QueueCapacity"] = "1000000",
        }).Build();
        if (provider == DatabaseOptions.PostgreSql)
        {
            await CreateDatabaseAsync(connectionString!);
        }

        var services = new ServiceCollection().AddLogging().AddCheckoutDomain(configuration, runBackgroundServices: false).BuildServiceProvider();
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        var queries = services.GetRequiredService<CheckoutQueries>();
        var alice = (await queries.FindUserByUsernameAsync(DemoData.Alice))!;
        var products = (await queries.ListProductsAsync()).Where(p => p.StockQuantity > 100).Select(p => p.Id).ToList();
        return new DomainBenchmarks(services, provider, serverConnectionString, file, Caller.For(alice.Id), products);
    }

    /// <summary>Drops a database a server-backed provider created (the REST benchmark's).</summary>
    public static async Task DropDatabaseAsync(string provider, string connectionString)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider,
            ["Database:ConnectionString"] = connectionString,
        }).Build();
        await using var services = new ServiceCollection().AddLogging().AddCheckoutDomain(configuration, runBackgroundServices: false).BuildServiceProvider();
        await using var db = await services.GetRequiredService<IDbContextFactory<CheckoutDbContext>>().CreateDbContextAsync();
        await db.Database.EnsureDeletedAsync();
    }

    /// <summary>
    /// Creates the (empty) PostgreSQL database a connection string names, as team mode expects one
    /// (`createdb`): the console migrates an existing database but doesn't create it.
    /// </summary>
    public static async Task CreateDatabaseAsync(string connectionString)
    {
        var server = new NpgsqlConnectionStringBuilder(connectionString);
        var name = server.Database ?? throw new ArgumentException("The connection string names no database.", nameof(connectionString));
        server.Database = "postgres";
        await using var connection = new NpgsqlConnection(server.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"", connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The same server, another database.</summary>
    public static string WithDatabase(string connectionString, string database) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString, ["Database"] = database }.ConnectionString;

    public string Provider => _provider;

    public async Task<List<string>> CreateCartsAsync(int count)
    {
        var acme = (await _services.GetRequiredService<CheckoutQueries>().ListStoresAsync()).First(s => s.Name == DemoData.AcmeStore);
        var carts = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var cart = Require(await Carts.CreateCartAsync(_alice, acme.Id, null));
            foreach (var product in _productIds.Take(3))
            {
                Require(await Carts.AddCartItemAsync(_alice, cart, product, 2));
            }

            carts.Add(cart);
        }

        return carts;
    }

    public sealed record ActionFigures(string Action, Samples Service, Samples Bare, double AllocatedBytesPerCall, double BareAllocatedBytesPerCall);

    /// <summary>
    /// Each action over <paramref name="iterations"/> fresh carts through the service, and the bare EF
    /// work on a second database of the same size, so neither side pays for the other's rows.
    /// </summary>
    public async Task<IReadOnlyList<ActionFigures>> MeasureActionsAsync(int iterations)
    {
        await using var twin = await CreateAsync(_provider, _connectionString);
        return await MeasureActionsAsync(twin, iterations);
    }

    /// <summary>
    /// <paramref name="runs"/> runs of <see cref="MeasureActionsAsync(int)"/>, each on a fresh database
    /// and twin holding the demo data and that run's carts, so that no run measures a database the runs
    /// before it grew (on InMemory, where every lookup scans its table, that would be a different figure).
    /// </summary>
    public static async Task<IReadOnlyList<IReadOnlyList<ActionFigures>>> MeasureActionRunsAsync(string provider, string? serverConnectionString, int iterations, int runs)
    {
        var all = new List<IReadOnlyList<ActionFigures>>();
        for (var run = 0; run < runs; run++)
        {
            await using var fresh = await CreateAsync(provider, serverConnectionString);
            all.Add(await fresh.MeasureActionsAsync(iterations));
        }

        return all;
    }

    private async Task<IReadOnlyList<ActionFigures>> MeasureActionsAsync(DomainBenchmarks twin, int iterations)
    {
        var service = await MeasureAsync(await CreateCartsAsync(iterations), bare: false);
        var bare = await twin.MeasureAsync(await twin.CreateCartsAsync(iterations), bare: true);
        return [.. service.Select(s => new ActionFigures(s.Key, s.Value.Samples, bare[s.Key].Samples, s.Value.Allocated, bare[s.Key].Allocated))];
    }

    /// <summary>Each action through the service alone (no bare twin): the figures the scale comparison needs.</summary>
    public async Task<IReadOnlyDictionary<string, Samples>> MeasureServiceActionsAsync(int iterations) =>
        (await MeasureAsync(await CreateCartsAsync(iterations), bare: false)).ToDictionary(r => r.Key, r => r.Value.Samples);

    /// <summary>
    /// The checkout page's re-read (what a live page does on every change) of carts that went
    /// through the measured actions, so each has a session, operations, an order and a timeline.
    /// </summary>
    public async Task<Samples> MeasurePageReadsAsync(int count)
    {
        var queries = _services.GetRequiredService<CheckoutQueries>();
        var samples = new Samples();
        foreach (var cart in _measuredCarts.TakeLast(count))
        {
            var view = await samples.TimeAsync(() => queries.GetCheckoutAsync(_alice.UserId, cart));
            if (view is null || view.Timeline.Count == 0)
            {
                throw new InvalidOperationException($"Benchmark setup failed: the checkout page of cart {cart} came back empty.");
            }
        }

        return samples;
    }

    /// <summary>Adds carts with their lines, sessions, operations and timeline until the database holds <paramref name="total"/> bulk carts.</summary>
    public async Task GrowToAsync(int total)
    {
        if (total > BulkCarts)
        {
            await ScaleData.AddCartsAsync(_services, total - BulkCarts);
            BulkCarts = total;
        }
    }

    public int BulkCarts { get; private set; }

    public sealed record Counts(int Carts, int Lines, int Sessions, int ArchivedSessions, int CompletedOperations, int TimelineEntries);

    /// <summary>Row counts, read back through a new context (for the smoke tests).</summary>
    public async Task<Counts> AdminCountsAsync()
    {
        await using var db = await Factory.CreateDbContextAsync();
        return new Counts(
            await db.Carts.CountAsync(),
            await db.CartItems.CountAsync(),
            await db.Sessions.CountAsync(),
            await db.Sessions.CountAsync(s => s.IsArchived),
            await db.Operations.CountAsync(o => o.Status == OperationStatuses.Complete),
            await db.Timeline.CountAsync());
    }

    private async Task<Dictionary<string, (Samples Samples, double Allocated)>> MeasureAsync(List<string> carts, bool bare)
    {
        var results = new Dictionary<string, (Samples, double)>();
        var sessions = new Dictionary<string, string>();
        _measuredCarts.AddRange(carts);

        await PhaseAsync("checkoutSessionAction", async cart =>
            sessions[cart] = bare ? await BareCheckoutSessionAsync(cart) : Require(await Service.CheckoutSessionAsync(_alice, cart)));
        await PhaseAsync("updateCheckoutSessionAction", async cart =>
        {
            if (bare)
            {
                await BareUpdateAsync(sessions[cart], CheckoutFlow.DeliveryMethod);
            }
            else
            {
                Require(await Service.UpdateCheckoutSessionAsync(_alice, sessions[cart], CheckoutFlow.DeliveryMethod, CheckoutFlow.Start));
            }
        });
        await PhaseAsync("cartToOrderAction", cart => bare ? BareStartTaskAsync(cart, OperationTypes.CartToOrder)
                : RequireAsync(Service.CartToOrderAsync(_alice, cart)),
            setup: cart => SetStateAsync(sessions[cart], CheckoutFlow.CartToOrder), teardown: DrainAsync);
        await PhaseAsync("activateOrderAction", cart => bare ? BareStartTaskAsync(cart, OperationTypes.ActivateOrder)
                : RequireAsync(Service.ActivateOrderAsync(_alice, cart, OrderStatuses.Activated)),
            setup: async cart =>
            {
                await SetStateAsync(sessions[cart], CheckoutFlow.ActivateOrder);
                if (bare)
                {
                    await EnsureDraftOrderAsync(cart, sessions[cart]);
                }
            },
            teardown: DrainAsync);

        // Cancel needs carts still in checkout: the same carts, reopened by a new session first (untimed).
        var reopened = await CreateCartsAsync(carts.Count);
        foreach (var cart in reopened)
        {
            Require(await Service.CheckoutSessionAsync(_alice, cart));
        }

        await PhaseAsync("cancelCartAsyncOperation", cart => bare ? BareCancelAsync(cart) : RequireAsync(Service.CancelCartAsyncOperationAsync(_alice, cart)), source: reopened);
        return results;

        async Task PhaseAsync(string name, Func<string, Task> act, Func<string, Task>? setup = null, Func<Task>? teardown = null, List<string>? source = null)
        {
            var samples = new Samples();
            long allocated = 0;
            foreach (var cart in source ?? carts)
            {
                if (setup is not null)
                {
                    await setup(cart);
                }

                var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
                var start = Stopwatch.GetTimestamp();
                await act(cart);
                samples.Add(Stopwatch.GetTimestamp() - start);
                allocated += GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
                if (teardown is not null)
                {
                    await teardown();
                }
            }

            results[name] = (samples, (double)allocated / Math.Max(1, samples.Count));
        }
    }

    /// <summary>A whole checkout, Start to Order Confirmation with its summary, tasks run inline.</summary>
    public async Task<Samples> MeasureCompleteCheckoutAsync(int iterations)
    {
        var samples = new Samples();
        foreach (var cart in await CreateCartsAsync(iterations))
        {
            await samples.TimeAsync(async () =>
            {
                var session = Require(await Service.CheckoutSessionAsync(_alice, cart));
                foreach (var step in CheckoutFlow.Steps.TakeWhile(s => s.State != CheckoutFlow.OrderConfirmation))
                {
                    Require(await Service.AdvanceAsync(_alice, session, step.State, runAsync: false));
                }

                return session;
            });
        }

        return samples;
    }

    /// <summary>
    /// The control API's reset (its domain work, EmulatorControl.ResetAsync) back to the demo data, each after
    /// a checkout was started so there is something to throw away. A few untimed resets come first.
    /// </summary>
    public async Task<Samples> MeasureResetAsync(int resets)
    {
        var emulator = _services.GetRequiredService<EmulatorControl>();
        var cart = await AliceAcmeCartAsync();
        for (var i = 0; i < 5; i++)
        {
            await emulator.ResetAsync();
        }

        var samples = new Samples();
        for (var i = 0; i < resets; i++)
        {
            Require(await Service.CheckoutSessionAsync(_alice, cart));
            await samples.TimeAsync(async () =>
            {
                await emulator.ResetAsync();
                return true;
            });
        }

        return samples;
    }

    // The demo data's ids are the same after every reset, so the cart found once stays valid.
    private async Task<string> AliceAcmeCartAsync()
    {
        await using var db = await Factory.CreateDbContextAsync();
        return await db.Carts.Where(c => c.OwnerId == _alice.UserId && c.Name == "Alice's office restock").Select(c => c.Id).FirstAsync();
    }

    public sealed record RaceFigures(int Callers, int Winners, int Conflicts, double ElapsedMs);

    /// <summary>N concurrent updateCheckoutSessionAction calls with the same expected state on one session.</summary>
    public async Task<RaceFigures> MeasureRaceAsync(int callers)
    {
        var cart = (await CreateCartsAsync(1))[0];
        var session = Require(await Service.CheckoutSessionAsync(_alice, cart));
        using var gate = new ManualResetEventSlim(false);
        var calls = Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
        {
            gate.Wait();
            return await Service.UpdateCheckoutSessionAsync(_alice, session, CheckoutFlow.Inventory, CheckoutFlow.Start);
        })).ToList();
        await Task.Delay(200);

        var start = Stopwatch.GetTimestamp();
        gate.Set();
        var results = await Task.WhenAll(calls);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;

        return new RaceFigures(callers, results.Count(r => r.IsSuccess), results.Count(r => r.Error?.Code == "CHECKOUT_CONFLICT"), elapsed);
    }

    private async Task DrainAsync()
    {
        while (Queue.Reader.TryRead(out var id))
        {
            await Runner.RunAsync(id);
        }
    }

    private async Task SetStateAsync(string session, string state) =>
        Require(await Admin.UpdateSessionFieldsAsync(_alice, session, new SessionFieldChanges(state, true, CheckoutFlow.NextOf(state), null)));

    // The bare EF work: the reads and writes each action needs, without its checks or timeline.
    private async Task<string> BareCheckoutSessionAsync(string cartId)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var queries = CompiledQueries.For(db);
        var cart = (await queries.Cart(db, cartId, default))!;
        var session = await queries.OpenSession(db, cartId, default);
        if (session is null)
        {
            session = CartCheckoutSession.Create(Ids, cartId, CheckoutFlow.Start, DateTime.UtcNow);
            db.Sessions.Add(session);
            db.ValidationOutputs.RemoveRange(await db.ValidationOutputs.Where(o => o.CartId == cartId && o.Level == ValidationLevels.Error).ToListAsync());
        }

        cart.SetStatus(CartStatuses.Checkout, DateTime.UtcNow);
        await db.SaveChangesAsync();
        return session.Id;
    }

    private async Task BareUpdateAsync(string sessionId, string next)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var queries = CompiledQueries.For(db);
        var session = (await queries.Session(db, sessionId, default))!;
        _ = await queries.Cart(db, session.WebCartId, default);
        session.RequestNextState(next, DateTime.UtcNow);
        await db.SaveChangesAsync();
    }

    private async Task BareStartTaskAsync(string cartId, string type)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var queries = CompiledQueries.For(db);
        var cart = (await queries.Cart(db, cartId, default))!;
        var session = (await queries.OpenSession(db, cartId, default))!;
        _ = await queries.HasOpenOperation(db, cartId, default);
        var operation = BackgroundOperation.Create(Ids, type, cartId, session.Id, DateTime.UtcNow);
        db.Operations.Add(operation);
        session.StartTask(operation.Id, DateTime.UtcNow);
        cart.SetStatus(CartStatuses.Processing, DateTime.UtcNow);
        await db.SaveChangesAsync();
        await Queue.EnqueueAsync(operation.Id);
    }

    private async Task BareCancelAsync(string cartId)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var queries = CompiledQueries.For(db);
        var cart = (await queries.Cart(db, cartId, default))!;
        var session = await queries.OpenSession(db, cartId, default);
        foreach (var operation in await db.Operations.Where(o => o.CartId == cartId && (o.Status == OperationStatuses.New || o.Status == OperationStatuses.Running)).ToListAsync())
        {
            operation.Cancel(DateTime.UtcNow);
        }

        session?.Archive(DateTime.UtcNow);
        cart.SetStatus(CartStatuses.Active, DateTime.UtcNow);
        await db.SaveChangesAsync();
    }

    private async Task EnsureDraftOrderAsync(string cartId, string sessionId)
    {
        await using var db = await Factory.CreateDbContextAsync();
        if (!await db.Orders.AnyAsync(o => o.CheckoutSessionId == sessionId))
        {
            var cart = await db.Carts.FirstAsync(c => c.Id == cartId);
            var session = await db.Sessions.FirstAsync(s => s.Id == sessionId);
            var order = Order.CreateDraft(Ids, cart, sessionId, DateTime.UtcNow);
            db.Orders.Add(order);
            session.AttachOrder(order.Id, DateTime.UtcNow);
            await db.SaveChangesAsync();
        }
    }

    private static T Require<T>(Domain.Errors.Result<T> result) =>
        result.IsSuccess ? result.Value! : throw new InvalidOperationException($"Benchmark setup failed: {result.Error}");

    private static async Task RequireAsync<T>(Task<Domain.Errors.Result<T>> call) => Require(await call);

    public async ValueTask DisposeAsync()
    {
        if (_provider is not (DatabaseOptions.InMemory or DatabaseOptions.Sqlite))
        {
            await using var db = await Factory.CreateDbContextAsync();
            await db.Database.EnsureDeletedAsync();
        }

        await _services.DisposeAsync();
        if (_file is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var path in new[] { _file, _file + "-wal", _file + "-shm" })
            {
                File.Delete(path);
            }
        }
    }
}
