using CheckoutConsole.Domain.Data;
using CheckoutConsole.Tests.Api;
using CheckoutConsole.Tests.Durable;
using CheckoutConsole.Tests.TestSupport;
using Npgsql;

namespace CheckoutConsole.Tests.Team;

/// <summary>
/// Two real console processes started at the same moment on one new, empty PostgreSQL database
/// (team mode). Instance A takes its time over Inventory tasks, so a test can act on B while A's
/// task runs; the lease is long enough that no load on the test machine makes B take it over.
/// </summary>
public class TeamPair : IAsyncLifetime
{
    /// <summary>
    /// Long enough that a cancel sent through B once A's task is seen running arrives while it still
    /// runs, even on a loaded CI machine (4 s was not: the task sometimes ended first).
    /// </summary>
    public const int SlowInventoryMs = 15_000;

    /// <summary>After a failed login the pair (username, client) waits this long on either instance: well past the 1 s held at most.</summary>
    public const int LoginDelayMs = 8000;

    private string _database = "";

    public ConsoleProcess A { get; private set; } = default!;
    public ConsoleProcess B { get; private set; } = default!;
    public string ConnectionString { get; private set; } = "";

    public static string[] Arguments(string connectionString, int leaseSeconds, params string[] more) =>
    [
        $"--postgres={connectionString}",
        "--Checkout:TaskLatencyMs=0",
        $"--Checkout:OperationLeaseSeconds={leaseSeconds}",
        .. more,
    ];

    protected virtual string[] ArgumentsOfA(string connectionString) =>
        Arguments(connectionString, 30, $"--Checkout:TaskLatencyByType:Inventory={SlowInventoryMs}", $"--Api:LoginFailureDelayMs={LoginDelayMs}");

    protected virtual string[] ArgumentsOfB(string connectionString) => Arguments(connectionString, 30, $"--Api:LoginFailureDelayMs={LoginDelayMs}");

    public async Task InitializeAsync()
    {
        var server = await PostgresServer.GetAsync();
        _database = await server.CreateDatabaseAsync(fromTemplate: false);
        ConnectionString = server.ConnectionString(_database);
        var a = ConsoleProcess.StartWithAsync(ArgumentsOfA(ConnectionString));
        var b = ConsoleProcess.StartWithAsync(ArgumentsOfB(ConnectionString));
        await Task.WhenAll(a.ContinueWith(_ => { }, TaskScheduler.Default), b.ContinueWith(_ => { }, TaskScheduler.Default));
        if (a.IsCompletedSuccessfully)
        {
            A = a.Result;
        }

        if (b.IsCompletedSuccessfully)
        {
            B = b.Result;
        }

        await Task.WhenAll(a, b);
    }

    /// <summary>One number straight from the database, as an independent witness.</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task DisposeAsync()
    {
        foreach (var console in new[] { A, B }.Where(c => c is not null))
        {
            await console.DisposeAsync();
        }

        await (await PostgresServer.GetAsync()).DropDatabaseAsync(_database);
    }
}

/// <summary>Two instances configured alike (no slow task on either), for tests that spread the same work over both.</summary>
public sealed class EvenTeamPair : TeamPair
{
    protected override string[] ArgumentsOfA(string connectionString) => Arguments(connectionString, 30);

    protected override string[] ArgumentsOfB(string connectionString) => Arguments(connectionString, 30);
}
