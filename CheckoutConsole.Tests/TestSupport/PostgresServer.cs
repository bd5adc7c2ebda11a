using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using CheckoutConsole.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CheckoutConsole.Tests.TestSupport;

/// <summary>
/// A throwaway PostgreSQL cluster for the test run: initdb into a temporary folder, started with
/// pg_ctl on a free loopback port and a private socket folder, stopped and deleted when the test
/// process exits. PostgreSQL refuses to run as root, so a root test run starts it as the
/// <c>postgres</c> user. Each test gets its own database, copied from a migrated template.
/// </summary>
public sealed class PostgresServer
{
    private const string Template = "cc_template";
    private static readonly Lazy<Task<PostgresServer>> Shared = new(StartAsync, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly string _folder;
    private readonly string _binaries;

    private PostgresServer(string folder, string binaries, int port)
    {
        _folder = folder;
        _binaries = binaries;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Where initdb is, or null when PostgreSQL isn't installed.</summary>
    public static string? Binaries { get; } = FindBinaries();

    public static Task<PostgresServer> GetAsync() => Shared.Value;

    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=checkout;Database={database};Maximum Pool Size=60;Timeout=30;Command Timeout=60";

    /// <summary>A new empty database, or a copy of the template: the current schema and the demo data.</summary>
    public async Task<string> CreateDatabaseAsync(bool fromTemplate = true)
    {
        var name = $"cc_{Guid.NewGuid():N}";
        // FILE_COPY copies the template's files instead of logging every page; with fsync off its checkpoint is cheap.
        await ExecuteAsync(fromTemplate ? $"CREATE DATABASE {name} TEMPLATE {Template} STRATEGY FILE_COPY" : $"CREATE DATABASE {name}");
        return name;
    }

    public async Task DropDatabaseAsync(string name)
    {
        using (var connection = new NpgsqlConnection(ConnectionString(name)))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        await ExecuteAsync($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<PostgresServer> StartAsync()
    {
        var binaries = Binaries ?? throw new InvalidOperationException(
            "PostgreSQL's initdb was not found under /usr/lib/postgresql/*/bin; install the Debian 'postgresql' package (.ci/run does).");
        var folder = Directory.CreateTempSubdirectory("cc-pg-").FullName;
        var asRoot = Environment.IsPrivilegedProcess;
        if (asRoot)
        {
            await RunAsync("chown", "postgres", folder);
        }

        var port = FreePort();
        var server = new PostgresServer(folder, binaries, port);
        await server.RunToolAsync("initdb", "-D", Path.Combine(folder, "data"), "-U", "checkout", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C");
        await server.RunToolAsync("pg_ctl", "-D", Path.Combine(folder, "data"), "-l", Path.Combine(folder, "log"), "-w", "-t", "60", "start", "-o",
            $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=400 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c shared_buffers=64MB");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        server.StartWatchdog();

        await server.ExecuteAsync($"CREATE DATABASE {Template}");
        await server.MigrateTemplateAsync();
        return server;
    }

    /// <summary>
    /// The schema and the demo data once, through the product's own initializer (migrations under its
    /// lock), at the harness clock's start, so a copy is what a fresh harness would have seeded.
    /// </summary>
    private async Task MigrateTemplateAsync()
    {
        var options = new DbContextOptionsBuilder<CheckoutDbContext>()
            .UseNpgsql(ConnectionString(Template), n => n.MigrationsAssembly(DatabaseOptions.PostgreSqlMigrationsAssembly))
            .Options;
        var settings = Options.Create(new DatabaseOptions { Provider = DatabaseOptions.PostgreSql });
        await new DatabaseInitializer(new OneFactory(options), settings, new TestClock()).InitializeAsync();
        NpgsqlConnection.ClearAllPools();
    }

    private void Stop()
    {
        try
        {
            RunToolAsync("pg_ctl", "-D", Path.Combine(_folder, "data"), "-m", "immediate", "-w", "stop").GetAwaiter().GetResult();
        }
        catch (InvalidOperationException)
        {
            // Already stopped; the folder goes anyway.
        }

        Directory.Delete(_folder, recursive: true);
    }

    /// <summary>
    /// Stops the cluster and removes its folder once this process is gone, even when it was killed
    /// and ProcessExit never ran: a detached shell polls for the test process.
    /// </summary>
    private void StartWatchdog()
    {
        var pgCtl = Path.Combine(_binaries, "pg_ctl");
        var stop = Environment.IsPrivilegedProcess ? $"runuser -u postgres -- {pgCtl}" : pgCtl;
        var script = $"while kill -0 {Environment.ProcessId} 2>/dev/null; do sleep 1; done; " +
            $"if [ -d '{_folder}/data' ]; then {stop} -D '{_folder}/data' -m immediate -w stop; rm -rf '{_folder}'; fi";
        var start = new ProcessStartInfo("setsid") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "bash", "-c", script })
        {
            start.ArgumentList.Add(arg);
        }

        Process.Start(start)?.Dispose();
    }

    private Task RunToolAsync(string tool, params string[] args) =>
        Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", "postgres", "--", Path.Combine(_binaries, tool), .. args])
            : RunAsync(Path.Combine(_binaries, tool), args);

    private static async Task RunAsync(string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await output}\n{await errors}");
        }
    }

    private static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "initdb")))
                .OrderByDescending(bin => bin, StringComparer.Ordinal)
                .FirstOrDefault()
            : null;

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class OneFactory(DbContextOptions<CheckoutDbContext> options) : IDbContextFactory<CheckoutDbContext>
    {
        public CheckoutDbContext CreateDbContext() => new(options);
    }
}
