using System.Collections.Concurrent;
using System.Diagnostics;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Emulator;
using CheckoutConsole.Domain.Live;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;
using Xunit.Abstractions;

namespace CheckoutConsole.Tests.Domain.Live;

/// <summary>Two instances' domains on one PostgreSQL database, each with its change relay running.</summary>
public sealed class PostgresChangeRelayTests(ITestOutputHelper output) : IAsyncLifetime
{
    private DomainHarness _first = default!;
    private DomainHarness _second = default!;
    private PostgresChangeRelay _firstRelay = default!;
    private PostgresChangeRelay _secondRelay = default!;
    private readonly ConcurrentQueue<CheckoutChange> _heardBySecond = new();
    private IDisposable? _subscription;

    public async Task InitializeAsync()
    {
        _first = await DomainHarness.CreateAsync(TestProvider.PostgreSQL);
        _second = await DomainHarness.CreateAsync(TestProvider.PostgreSQL, new Dictionary<string, string?> { ["Database:ConnectionString"] = _first.ConnectionString });
        _firstRelay = await StartRelayAsync(_first);
        _secondRelay = await StartRelayAsync(_second);
        _subscription = _second.Feed.Subscribe(_heardBySecond.Enqueue);
        await WaitUntilListeningAsync();
    }

    [Fact]
    public async Task Save_OnOneInstance_ReachesTheOtherInstancesFeedAsAChangeFromThere()
    {
        var alice = _first.As(DemoData.Alice);
        var cartId = _first.Demo.AliceAcmeCart;
        _heardBySecond.Clear();
        var clock = Stopwatch.StartNew();
        var publishedAt = TimeSpan.Zero;
        using var local = _first.Feed.Subscribe(c =>
        {
            if (c.CartId == cartId && publishedAt == TimeSpan.Zero)
            {
                publishedAt = clock.Elapsed;
            }
        });

        var session = await _first.StartCheckoutAsync(alice, cartId);
        var heard = await WaitForAsync(c => c.CartId == cartId && c.Kinds.HasFlag(ChangeKinds.Session));
        var latency = clock.Elapsed - publishedAt;
        output.WriteLine($"Relayed to the other instance {latency.TotalMilliseconds:F0} ms after the save");

        Assert.True(heard.FromOtherInstance);
        Assert.Equal(session, (await _second.SessionAsync(session)).Id);
    }

    [Fact]
    public async Task ListeningConnection_Lost_ReconnectsTellsEveryPageToRereadAndRelaysAgain()
    {
        _heardBySecond.Clear();

        await TerminateListenersAsync();
        var resync = await WaitForAsync(c => c.IsResync);
        await WaitUntilListeningAsync();
        _heardBySecond.Clear();
        await _first.StartCheckoutAsync(_first.As(DemoData.Bob), _first.Demo.BobCart);
        var after = await WaitForAsync(c => c.CartId == _first.Demo.BobCart);

        Assert.Equal(CheckoutChange.AllKinds, resync.Kinds);
        Assert.True(_secondRelay.Reconnects >= 1);
        Assert.True(after.FromOtherInstance);
    }

    private static async Task<PostgresChangeRelay> StartRelayAsync(DomainHarness harness)
    {
        var services = harness.Services;
        var relay = new PostgresChangeRelay(
            harness.Feed,
            services.GetRequiredService<OperationLeases>(),
            services.GetRequiredService<SharedStateRefresh>(),
            services.GetRequiredService<IOptions<DatabaseOptions>>(),
            TimeProvider.System,
            NullLogger<PostgresChangeRelay>.Instance);
        await relay.StartAsync(CancellationToken.None);
        return relay;
    }

    private async Task<CheckoutChange> WaitForAsync(Func<CheckoutChange, bool> match)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(15))
        {
            if (_heardBySecond.FirstOrDefault(match) is { } change)
            {
                return change;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"The other instance never heard the change; it heard: {string.Join(", ", _heardBySecond)}");
    }

    /// <summary>
    /// Both relays have a LISTEN connection open on this test's database. Only this database's count:
    /// other tests' consoles listen on the same cluster, and counting theirs let a save go out before
    /// the second relay listened (its notice was never heard).
    /// </summary>
    private async Task WaitUntilListeningAsync()
    {
        var deadline = Stopwatch.StartNew();
        while (await ListenerCountAsync() < 2)
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(15), "the relays never started listening");
            await Task.Delay(20);
        }
    }

    private async Task<long> ListenerCountAsync() =>
        (long)(await QueryAsync("SELECT COUNT(*) FROM pg_stat_activity WHERE application_name = 'checkout-console relay' AND query LIKE 'LISTEN%' AND datname = current_database()"))!;

    private Task TerminateListenersAsync() =>
        QueryAsync("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'checkout-console relay' AND query LIKE 'LISTEN%' AND datname = current_database()");

    private async Task<object?> QueryAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_first.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync();
    }

    public async Task DisposeAsync()
    {
        _subscription?.Dispose();
        await _firstRelay.StopAsync(CancellationToken.None);
        await _secondRelay.StopAsync(CancellationToken.None);
        _firstRelay.Dispose();
        _secondRelay.Dispose();
        await _second.DisposeAsync();
        await _first.DisposeAsync();
    }
}
