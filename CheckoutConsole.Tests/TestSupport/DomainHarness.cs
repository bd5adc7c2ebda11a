using CheckoutConsole.Domain;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Faults;
using CheckoutConsole.Domain.Live;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CheckoutConsole.Tests.TestSupport;

public enum TestProvider
{
    InMemory,
    Sqlite,
    PostgreSQL,
}

/// <summary>
/// The real domain services over a fresh database of the given provider (InMemory, SQLite in a
/// temporary file, or a new database on the test run's PostgreSQL cluster), with demo data, a test clock and zero task latency. No background worker runs
/// unless a test starts one, so queued operations wait for <see cref="DrainQueueAsync"/>.
/// </summary>
public sealed class DomainHarness : IAsyncDisposable
{
    private readonly ServiceProvider _services;
    private readonly string? _sqliteFile;
    private readonly string? _postgresDatabase;

    private DomainHarness(ServiceProvider services, string? sqliteFile, string? postgresDatabase)
    {
        _services = services;
        _sqliteFile = sqliteFile;
        _postgresDatabase = postgresDatabase;
    }

    public static async Task<DomainHarness> CreateAsync(TestProvider provider = TestProvider.InMemory, IDictionary<string, string?>? settings = null)
    {
        var sqliteFile = provider == TestProvider.Sqlite ? Path.Combine(Path.GetTempPath(), $"cc-test-{Guid.NewGuid():N}.db") : null;
        var postgres = provider == TestProvider.PostgreSQL ? await PostgresServer.GetAsync() : null;
        var postgresDatabase = postgres is null ? null : await postgres.CreateDatabaseAsync();
        var values = new Dictionary<string, string?>
        {
            ["Database:Provider"] = provider.ToString(),
            ["Database:Name"] = $"test-{Guid.NewGuid():N}",
            ["Database:ConnectionString"] = sqliteFile is not null ? $"Data Source={sqliteFile}"
                : postgresDatabase is not null ? postgres!.ConnectionString(postgresDatabase) : null,
            ["Checkout:TaskLatencyMs"] = "0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<TimeProvider>(new TestClock())
            .AddCheckoutDomain(configuration, runBackgroundServices: false)
            .BuildServiceProvider();
        var harness = new DomainHarness(services, sqliteFile, postgresDatabase);
        await services.GetRequiredService<DatabaseInitializer>().InitializeAsync();
        harness.Demo = await DemoWorld.LoadAsync(harness);
        return harness;
    }

    public DemoWorld Demo { get; private set; } = default!;

    /// <summary>The database this harness works on (for a second harness on the same PostgreSQL database).</summary>
    public string? ConnectionString => _services.GetRequiredService<IOptions<DatabaseOptions>>().Value.ConnectionString;
    public IServiceProvider Services => _services;
    public CheckoutService Service => _services.GetRequiredService<CheckoutService>();
    public CartService Carts => _services.GetRequiredService<CartService>();
    public CheckoutAdminService Admin => _services.GetRequiredService<CheckoutAdminService>();
    public CheckoutQueries Queries => _services.GetRequiredService<CheckoutQueries>();
    public FaultInjector Faults => _services.GetRequiredService<FaultInjector>();
    public CheckoutChangeFeed Feed => _services.GetRequiredService<CheckoutChangeFeed>();
    public OperationRunner Runner => _services.GetRequiredService<OperationRunner>();
    public OperationQueue Queue => _services.GetRequiredService<OperationQueue>();
    public TestClock Clock => (TestClock)_services.GetRequiredService<TimeProvider>();

    /// <summary>A new context, so reads see what was saved, not what a tracker remembers.</summary>
    public CheckoutDbContext NewContext() => _services.GetRequiredService<IDbContextFactory<CheckoutDbContext>>().CreateDbContext();

    public Caller As(string username) => Caller.For(Demo.UserId(username));

    /// <summary>Runs every queued operation, as the worker would, until the queue is empty.</summary>
    public async Task DrainQueueAsync()
    {
        while (Queue.Reader.TryRead(out var operationId))
        {
            await Runner.RunAsync(operationId);
        }
    }

    public async Task<CartCheckoutSession> SessionAsync(string sessionId)
    {
        await using var db = NewContext();
        return await db.Sessions.AsNoTracking().FirstAsync(s => s.Id == sessionId);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        if (_sqliteFile is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }

        if (_postgresDatabase is not null)
        {
            await (await PostgresServer.GetAsync()).DropDatabaseAsync(_postgresDatabase);
        }
    }
}
