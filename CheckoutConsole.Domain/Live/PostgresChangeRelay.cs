using System.Text.Json;
using System.Threading.Channels;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Emulator;
using CheckoutConsole.Domain.Operations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CheckoutConsole.Domain.Live;

/// <summary>
/// Team mode: carries the change feed between console instances with PostgreSQL LISTEN/NOTIFY.
/// Each instance sends what its own saves published (batched, on one connection) and listens on
/// one connection, publishing what the others sent to its own feed, which fans it out to its
/// circuits, once the shared state the change touched is read again here (faults, settings, clock,
/// the world). A lost connection is opened again, and then every page is told to re-read, since
/// notifications sent meanwhile are gone.
/// </summary>
public sealed class PostgresChangeRelay(
    CheckoutChangeFeed feed,
    OperationLeases leases,
    SharedStateRefresh shared,
    IOptions<DatabaseOptions> database,
    TimeProvider clock,
    ILogger<PostgresChangeRelay> logger) : BackgroundService
{
    public const string Channel = "checkout_changes";

    // NOTIFY payloads must stay under 8,000 bytes.
    private const int MaxPayload = 7000;
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(1);

    private readonly Channel<CheckoutChange> _outgoing = System.Threading.Channels.Channel.CreateBounded<CheckoutChange>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    private readonly Channel<CheckoutChange> _incoming = System.Threading.Channels.Channel.CreateBounded<CheckoutChange>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });

    // Set when a change could not be sent (queue full, connection lost): the others get a resync instead.
    private int _missed;

    // Set when a change heard could not be queued here: this instance resyncs instead.
    private int _missedIncoming;

    /// <summary>Times the listening connection was opened again after a loss (for tests and logs).</summary>
    public int Reconnects { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var subscription = feed.Subscribe(OnLocalChange);
        var source = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(database.Value.ConnectionString)
        {
            KeepAlive = 5,
            Pooling = false,
            ApplicationName = "checkout-console relay",
        }.ConnectionString).Build();
        await using (source)
        {
            await Task.WhenAll(ListenAsync(source, stoppingToken), SendAsync(source, stoppingToken), ReceiveAsync(stoppingToken));
        }
    }

    private void OnLocalChange(CheckoutChange change)
    {
        if (!change.FromOtherInstance && !_outgoing.Writer.TryWrite(change))
        {
            Interlocked.Exchange(ref _missed, 1);
        }
    }

    private async Task ListenAsync(NpgsqlDataSource source, CancellationToken ct)
    {
        var first = true;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await source.OpenConnectionAsync(ct);
                connection.Notification += (_, e) => OnNotification(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }

                if (first)
                {
                    // Whatever another instance changed between this one's start-up read and now.
                    await shared.LoadAsync(ct);
                }
                else
                {
                    Reconnects++;
                    Heard(CheckoutChange.Resync(clock.GetUtcNow().UtcDateTime) with { FromOtherInstance = true });
                }

                first = false;
                while (!ct.IsCancellationRequested)
                {
                    await connection.WaitAsync(ct);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Lost the change notifications from the other instances; listening again in {Delay}.", Reconnect);
                first = false;
                await DelayAsync(Reconnect, ct);
            }
        }
    }

    private async Task SendAsync(NpgsqlDataSource source, CancellationToken ct)
    {
        var batch = new List<CheckoutChange>();
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await source.OpenConnectionAsync(ct);
                while (await _outgoing.Reader.WaitToReadAsync(ct))
                {
                    var resync = Interlocked.Exchange(ref _missed, 0) == 1;
                    while (batch.Count < 100 && _outgoing.Reader.TryRead(out var change))
                    {
                        batch.Add(change);
                    }

                    foreach (var payload in Payloads(batch, resync))
                    {
                        await using var notify = new NpgsqlCommand("SELECT pg_notify(@channel, @payload)", connection);
                        notify.Parameters.AddWithValue("channel", Channel);
                        notify.Parameters.AddWithValue("payload", payload);
                        await notify.ExecuteNonQueryAsync(ct);
                    }

                    batch.Clear();
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // What this batch held never reached the others: they re-read everything instead.
                batch.Clear();
                Interlocked.Exchange(ref _missed, 1);
                logger.LogWarning(ex, "Could not send change notifications to the other instances; trying again in {Delay}.", Reconnect);
                await DelayAsync(Reconnect, ct);
            }
        }
    }

    /// <summary>One or more payloads, each under PostgreSQL's limit: the sender and a list of [cart, session, kinds, ticks].</summary>
    private IEnumerable<string> Payloads(List<CheckoutChange> batch, bool resync)
    {
        var items = new List<object?[]>();
        var size = 0;
        foreach (var change in batch)
        {
            var item = new object?[] { change.CartId, change.SessionId, (int)change.Kinds, change.At.Ticks };
            var itemSize = JsonSerializer.Serialize(item).Length + 1;
            if (size + itemSize > MaxPayload && items.Count > 0)
            {
                yield return Serialize(items, resync);
                resync = false;
                items = [];
                size = 0;
            }

            items.Add(item);
            size += itemSize;
        }

        if (items.Count > 0 || resync)
        {
            yield return Serialize(items, resync);
        }
    }

    private string Serialize(List<object?[]> items, bool resync) =>
        JsonSerializer.Serialize(new RelayMessage(leases.InstanceId, resync, items));

    private void OnNotification(string payload)
    {
        try
        {
            using var document = JsonDocument.Parse(payload);
            var root = document.RootElement;
            if (root.GetProperty("From").GetString() == leases.InstanceId)
            {
                return;
            }

            if (root.GetProperty("Resync").GetBoolean())
            {
                Heard(CheckoutChange.Resync(clock.GetUtcNow().UtcDateTime) with { FromOtherInstance = true });
            }

            foreach (var item in root.GetProperty("Changes").EnumerateArray())
            {
                Heard(new CheckoutChange(
                    item[0].GetString(),
                    item[1].GetString(),
                    (ChangeKinds)item[2].GetInt32(),
                    new DateTime(item[3].GetInt64(), DateTimeKind.Utc)) { FromOtherInstance = true });
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException or FormatException)
        {
            logger.LogWarning(ex, "Ignored a change notification that isn't one of ours: {Payload}", payload.Length > 200 ? payload[..200] : payload);
        }
    }

    private void Heard(CheckoutChange change)
    {
        if (!_incoming.Writer.TryWrite(change))
        {
            Interlocked.Exchange(ref _missedIncoming, 1);
        }
    }

    /// <summary>
    /// What the others sent, in order: the shared state it touched is read again first, then this
    /// instance's pages hear of it. Not on the listening connection's thread, which must not wait
    /// for a query.
    /// </summary>
    private async Task ReceiveAsync(CancellationToken ct)
    {
        try
        {
            while (await _incoming.Reader.WaitToReadAsync(ct))
            {
                while (_incoming.Reader.TryRead(out var change))
                {
                    if (Interlocked.Exchange(ref _missedIncoming, 0) == 1)
                    {
                        await PublishHeardAsync(CheckoutChange.Resync(clock.GetUtcNow().UtcDateTime) with { FromOtherInstance = true }, ct);
                    }

                    await PublishHeardAsync(change, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task PublishHeardAsync(CheckoutChange change, CancellationToken ct)
    {
        try
        {
            await shared.BeforePublishAsync(change, ct);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The pages still hear of the change; the copies are read again at the next change or resync.
            Interlocked.Exchange(ref _missedIncoming, 1);
            logger.LogWarning(ex, "Could not read the shared emulator state again after another instance changed it.");
        }

        feed.Publish(change);
    }

    private static async Task DelayAsync(TimeSpan delay, CancellationToken ct)
    {
        try
        {
            await Task.Delay(delay, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private sealed record RelayMessage(string From, bool Resync, List<object?[]> Changes);
}
