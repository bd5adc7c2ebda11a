using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CheckoutConsole.Domain.Data;

/// <summary>
/// Sets <c>PRAGMA synchronous=NORMAL</c> on every SQLite connection the store opens (the setting is
/// per connection, and SQLite's default is FULL). In WAL mode (see <see cref="DatabaseInitializer"/>)
/// NORMAL still keeps the database consistent after a crash of the process or of the machine; only
/// the last commits before a power loss may be lost, because a commit no longer waits for the disk
/// (the WAL is synced at each checkpoint instead). FULL made every commit, including each rejected
/// call's timeline line, wait for a sync of the disk.
/// A pooled connection keeps its native handle and so its setting: the pragma runs once per handle.
/// </summary>
public sealed class SqliteSynchronousNormal : DbConnectionInterceptor
{
    public static readonly SqliteSynchronousNormal Instance = new();

    public const string Pragma = "PRAGMA synchronous=NORMAL;";

    private static readonly object Set = new();

    // Native handles already set, weakly held: a handle closed for good drops out.
    private readonly ConditionalWeakTable<object, object> _handles = new();

    private SqliteSynchronousNormal()
    {
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsPragma(connection, out var handle))
        {
            using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            command.ExecuteNonQuery();
            _handles.AddOrUpdate(handle, Set);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsPragma(connection, out var handle))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = Pragma;
            await command.ExecuteNonQueryAsync(cancellationToken);
            _handles.AddOrUpdate(handle, Set);
        }
    }

    private bool NeedsPragma(DbConnection connection, out object handle)
    {
        handle = null!;
        if (connection is not SqliteConnection { Handle: { } native })
        {
            return false;
        }

        handle = native;
        return !_handles.TryGetValue(native, out _);
    }
}
