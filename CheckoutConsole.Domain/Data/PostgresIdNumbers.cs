using System.Globalization;
using System.Text;
using CheckoutConsole.Domain.Common;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CheckoutConsole.Domain.Data;

/// <summary>
/// Team mode: the id sequences are PostgreSQL sequences, one per key prefix ("IdSequence_0a6"…), so
/// every instance on the database takes its numbers from the same place and no two hand out the same
/// id. nextval never waits for another transaction and never gives a number twice, even when the
/// transaction that took it rolls back.
/// </summary>
public sealed class PostgresIdNumbers : ISharedIdNumbers, IAsyncDisposable, IDisposable
{
    private readonly NpgsqlDataSource _source;

    public PostgresIdNumbers(IOptions<DatabaseOptions> options)
    {
        _source = new NpgsqlDataSourceBuilder(new NpgsqlConnectionStringBuilder(options.Value.ConnectionString)
        {
            ApplicationName = "checkout-console ids",
        }.ConnectionString).Build();
    }

    public long Next(string keyPrefix)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var connection = _source.OpenConnection();
            using var command = new NpgsqlCommand($"SELECT nextval('{Sequence(keyPrefix)}')", connection);
            try
            {
                return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable && attempt == 1)
            {
                // A prefix no start-up created yet (the known ones are created at start): create it, then take its first number.
                Create(connection, [keyPrefix]);
            }
        }
    }

    public async Task RestartAfterAsync(IReadOnlyDictionary<string, long> last, CancellationToken ct = default)
    {
        var prefixes = KeyPrefixes.ObjectByPrefix.Keys.Union(last.Keys, StringComparer.Ordinal).ToList();
        await using var connection = await _source.OpenConnectionAsync(ct);
        Create(connection, prefixes);
        var sql = new StringBuilder();
        foreach (var prefix in prefixes)
        {
            // setval(n, true): the next number is n + 1; setval(1, false): the next number is 1.
            sql.Append(last.GetValueOrDefault(prefix) is > 0 and var n
                ? string.Create(CultureInfo.InvariantCulture, $"SELECT setval('{Sequence(prefix)}', {n}, true);")
                : $"SELECT setval('{Sequence(prefix)}', 1, false);");
        }

        await using var command = new NpgsqlCommand(sql.ToString(), connection);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task RaiseToAsync(IReadOnlyDictionary<string, long> last, CancellationToken ct = default)
    {
        var prefixes = KeyPrefixes.ObjectByPrefix.Keys.Union(last.Keys, StringComparer.Ordinal).ToList();
        await using var connection = await _source.OpenConnectionAsync(ct);
        Create(connection, prefixes);
        var sql = new StringBuilder();
        foreach (var (prefix, n) in last.Where(l => l.Value > 0))
        {
            // Only ever forward: numbers another instance already handed out stay taken.
            var sequence = Sequence(prefix);
            sql.Append(string.Create(CultureInfo.InvariantCulture,
                $"SELECT setval('{sequence}', {n}, true) FROM {sequence} WHERE (CASE WHEN is_called THEN last_value ELSE last_value - 1 END) < {n};"));
        }

        if (sql.Length > 0)
        {
            await using var command = new NpgsqlCommand(sql.ToString(), connection);
            await command.ExecuteNonQueryAsync(ct);
        }
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    public void Dispose() => _source.Dispose();

    // A key prefix is three base-62 characters (IdSequences checks it), so the name needs no escaping beyond its quotes.
    private static string Sequence(string keyPrefix) => $"\"IdSequence_{keyPrefix}\"";

    private static void Create(NpgsqlConnection connection, IEnumerable<string> prefixes)
    {
        foreach (var prefix in prefixes)
        {
            using var command = new NpgsqlCommand($"CREATE SEQUENCE IF NOT EXISTS {Sequence(prefix)} AS bigint MINVALUE 1", connection);
            try
            {
                command.ExecuteNonQuery();
            }
            catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable)
            {
                // Another instance created it at the same moment.
            }
        }
    }
}
