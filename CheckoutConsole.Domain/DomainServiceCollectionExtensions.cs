using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Emulator;
using CheckoutConsole.Domain.Faults;
using CheckoutConsole.Domain.Live;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Access;
using CheckoutConsole.Domain.Services;
using CheckoutConsole.Domain.Timeline;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CheckoutConsole.Domain;

public static class DomainServiceCollectionExtensions
{
    /// <summary>The checkout domain: database (Database:Provider), services, worker and sweeper.</summary>
    public static IServiceCollection AddCheckoutDomain(this IServiceCollection services, IConfiguration configuration, bool runBackgroundServices = true)
    {
        services.Configure<DatabaseOptions>(configuration.GetSection(DatabaseOptions.SectionName));
        services.Configure<CheckoutOptions>(configuration.GetSection(CheckoutOptions.SectionName));
        services.Configure<TimelineOptions>(configuration.GetSection(TimelineOptions.SectionName));
        services.Configure<LoginOptions>(configuration.GetSection(LoginOptions.SectionName));
        var database = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();

        services.Configure<EmulatorOptions>(configuration.GetSection(EmulatorOptions.SectionName));
        UseEmulatorClock(services);
        if (database.IsSqlite)
        {
            var connectionString = string.IsNullOrWhiteSpace(database.ConnectionString) ? "Data Source=checkout-console.db" : database.ConnectionString;
            var keepAlive = SqliteKeepAlive.For(connectionString);
            services.AddSingleton(keepAlive);
            services.AddPooledDbContextFactory<CheckoutDbContext>(o => o.UseSqlite(connectionString, sqlite => sqlite.CommandTimeout(30))
                .AddInterceptors(SqliteSynchronousNormal.Instance));
        }
        else if (database.IsPostgreSql)
        {
            if (string.IsNullOrWhiteSpace(database.ConnectionString))
            {
                throw new InvalidOperationException(
                    "Database:Provider PostgreSQL needs Database:ConnectionString (e.g. --postgres=\"Host=…;Username=…;Database=…\"); found none.");
            }

            services.AddPooledDbContextFactory<CheckoutDbContext>(o => o.UseNpgsql(PostgresStoreConnectionString(database.ConnectionString),
                npgsql => npgsql.MigrationsAssembly(DatabaseOptions.PostgreSqlMigrationsAssembly).CommandTimeout(30)));
        }
        else if (database.IsInMemory)
        {
            services.AddPooledDbContextFactory<CheckoutDbContext>(o => o.UseInMemoryDatabase(database.Name));
        }
        else
        {
            throw new InvalidOperationException(
                $"Database:Provider must be '{DatabaseOptions.InMemory}', '{DatabaseOptions.Sqlite}' or '{DatabaseOptions.PostgreSql}'; found '{database.Provider}'.");
        }

        if (database.IsPostgreSql)
        {
            // Team mode: several instances write to one database, so the id sequences live there too.
            services.AddSingleton<ISharedIdNumbers, PostgresIdNumbers>();
            services.AddSingleton(sp => new IdSequences(sp.GetRequiredService<ISharedIdNumbers>()));
        }
        else
        {
            services.AddSingleton(_ => new IdSequences());
        }

        services.AddSingleton<CheckoutChangeFeed>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<TimelineRetention>();
        services.AddSingleton<CheckoutStore>();
        services.AddSingleton<AccessDirectory>();
        services.AddSingleton<LoginThrottle>();
        services.AddSingleton<PasswordVerifier>();
        services.AddSingleton<CredentialCheck>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<SignInSessions>();
        if (database.IsPostgreSql)
        {
            // Team mode: what every instance must agree on about signing in lives in the database.
            services.AddSingleton<IAccessTokenStore, DatabaseAccessTokenStore>();
            services.AddSingleton<KeyRingStore>();
            services.TryAddSingleton<ILoginFailureStore, DatabaseLoginFailureStore>();
            services.TryAddSingleton<ISignInSessionStore, DatabaseSignInSessionStore>();

            // Faults, live settings, the clock and the loaded scenario: one row each, read again on a relayed change.
            services.AddSingleton<IEmulatorStateStore, DatabaseEmulatorStateStore>();
            services.AddSingleton<SharedStateRefresh>();
        }
        else
        {
            services.AddSingleton<IAccessTokenStore, InMemoryAccessTokenStore>();
        }

        services.TryAddSingleton<ILoginFailureStore, InMemoryLoginFailureStore>();
        services.TryAddSingleton<ISignInSessionStore, InMemorySignInSessionStore>();

        services.AddSingleton<OperationQueue>();
        services.AddSingleton<OperationLeases>();
        services.AddSingleton<CheckoutTasks>();
        services.AddSingleton<OperationRunner>();
        services.AddSingleton<AccessPolicy>();
        services.AddSingleton<RecordReader>();
        services.AddSingleton<CartScopes>();
        services.AddSingleton<CheckoutService>();
        services.AddSingleton<CartService>();
        services.AddSingleton<CheckoutAdminService>();
        services.AddSingleton<CheckoutQueries>();
        services.AddSingleton<AdminQueries>();
        services.AddSingleton<DatabaseInitializer>();
        services.AddSingleton<RuntimeSettings>();
        services.AddSingleton<EmulatorControl>();
        services.AddSingleton<RecordingReader>();
        if (runBackgroundServices)
        {
            services.AddHostedService<OperationWorker>();
            services.AddHostedService<ExpirySweeper>();
            if (database.IsPostgreSql)
            {
                services.AddSingleton<PostgresChangeRelay>();
                services.AddHostedService(sp => sp.GetRequiredService<PostgresChangeRelay>());
            }
        }

        return services;
    }

    /// <summary>
    /// The store's connections skip the pool's DISCARD ALL when a connection goes back to the pool
    /// (one per query the store runs outside a transaction: about five per REST call). The store keeps
    /// no session state on them: no prepared statements, temporary tables or settings, and the
    /// start-up's advisory lock is released before its connection is closed. A connection string
    /// that sets No Reset On Close itself is kept as given.
    /// </summary>
    public static string PostgresStoreConnectionString(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            builder.NoResetOnClose = true;
        }

        return builder.ConnectionString;
    }

    /// <summary>
    /// The domain's TimeProvider is the emulator clock; the clock registered before (the system's, or
    /// a test's) becomes its wall clock, under <see cref="EmulatorClock.WallClockKey"/>.
    /// </summary>
    private static void UseEmulatorClock(IServiceCollection services)
    {
        var registered = services.LastOrDefault(d => d.ServiceType == typeof(TimeProvider) && !d.IsKeyedService);
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(TimeProvider) && !d.IsKeyedService).ToList())
        {
            services.Remove(descriptor);
        }

        if (registered?.ImplementationInstance is TimeProvider instance)
        {
            services.TryAddKeyedSingleton(EmulatorClock.WallClockKey, instance);
        }
        else if (registered?.ImplementationFactory is { } factory)
        {
            services.TryAddKeyedSingleton(EmulatorClock.WallClockKey, (sp, _) => (TimeProvider)factory(sp));
        }
        else
        {
            services.TryAddKeyedSingleton(EmulatorClock.WallClockKey, TimeProvider.System);
        }

        services.AddSingleton(sp => new EmulatorClock(sp.GetRequiredKeyedService<TimeProvider>(EmulatorClock.WallClockKey), sp.GetRequiredService<CheckoutChangeFeed>(),
            sp.GetService<IEmulatorStateStore>()));
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<EmulatorClock>());
    }
}

/// <summary>
/// An in-memory SQLite database lives only while a connection to it is open; this holds one open
/// for the app's lifetime. For a file database it holds nothing.
/// </summary>
public sealed class SqliteKeepAlive : IDisposable
{
    private readonly SqliteConnection? _connection;

    private SqliteKeepAlive(SqliteConnection? connection) => _connection = connection;

    public static SqliteKeepAlive For(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (builder.Mode != SqliteOpenMode.Memory && builder.DataSource != ":memory:")
        {
            return new SqliteKeepAlive(null);
        }

        var connection = new SqliteConnection(connectionString);
        connection.Open();
        return new SqliteKeepAlive(connection);
    }

    public void Dispose() => _connection?.Dispose();
}
