using CheckoutConsole.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Domain.Emulator;

/// <summary>
/// Team mode: one of the emulator's switches (faults, live settings, clock, the scenario resets
/// return to) as every instance shares it, one row a switch. <see cref="Value"/> is its JSON, null
/// for "as configured"; <see cref="Revision"/> counts its changes, so an instance never replaces
/// what it holds with an older copy.
/// </summary>
public sealed class EmulatorStateRecord
{
    private EmulatorStateRecord() { }

    public string Key { get; private set; } = default!;
    public long Revision { get; private set; }
    public string? Value { get; private set; }
}

public sealed record StoredState(long Revision, string? Value);

/// <summary>Where the emulator's switches live when several instances share them (team mode).</summary>
public interface IEmulatorStateStore
{
    Task<StoredState> ReadAsync(string key, CancellationToken ct = default);

    /// <summary>
    /// Reads the switch, lets <paramref name="change"/> decide its next value, and writes it, with
    /// no other instance's change in between (the row stays locked meanwhile). Gives back what the
    /// row holds afterwards.
    /// </summary>
    Task<StoredState> ChangeAsync(string key, Func<string?, (bool Write, string? Value)> change, CancellationToken ct = default);
}

/// <summary>The switches in the shared PostgreSQL database; a change takes the row's lock (SELECT … FOR UPDATE).</summary>
public sealed class DatabaseEmulatorStateStore(IDbContextFactory<CheckoutDbContext> factory) : IEmulatorStateStore
{
    public async Task<StoredState> ReadAsync(string key, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var record = await db.EmulatorState.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, ct);
        return record is null ? new StoredState(0, null) : new StoredState(record.Revision, record.Value);
    }

    public async Task<StoredState> ChangeAsync(string key, Func<string?, (bool Write, string? Value)> change, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // The row exists before it is locked, so two instances changing a switch for the first time take turns too.
        await db.Database.ExecuteSqlAsync($"""INSERT INTO "EmulatorState" ("Key", "Revision", "Value") VALUES ({key}, 0, NULL) ON CONFLICT ("Key") DO NOTHING""", ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var current = (await db.EmulatorState
            .FromSql($"""SELECT * FROM "EmulatorState" WHERE "Key" = {key} FOR UPDATE""")
            .AsNoTracking()
            .ToListAsync(ct)).Single();
        var (write, value) = change(current.Value);
        if (!write)
        {
            await transaction.CommitAsync(ct);
            return new StoredState(current.Revision, current.Value);
        }

        var revision = current.Revision + 1;
        await db.EmulatorState.Where(r => r.Key == key).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Revision, revision)
            .SetProperty(r => r.Value, value), ct);
        await transaction.CommitAsync(ct);
        return new StoredState(revision, value);
    }
}

/// <summary>
/// One switch as a service holds it: read from memory on every call (no query on an action's path),
/// changed here under a lock in one process, or in team mode through the <see cref="IEmulatorStateStore"/>,
/// which every instance reads again when another one says the switch changed.
/// </summary>
public sealed class SharedSwitch<T>
{
    private readonly string _key;
    private readonly Func<string?, T> _read;
    private readonly Func<T, string?> _write;
    private readonly IEmulatorStateStore? _store;
    private readonly Lock _lock = new();
    private Snapshot _snapshot;

    /// <param name="read">The value of a stored JSON text (null: the start value).</param>
    /// <param name="write">The JSON text of a value (null: back to the start value).</param>
    public SharedSwitch(string key, Func<string?, T> read, Func<T, string?> write, IEmulatorStateStore? store)
    {
        _key = key;
        _read = read;
        _write = write;
        _store = store;
        _snapshot = new Snapshot(0, read(null));
    }

    public T Value => Volatile.Read(ref _snapshot).Value;

    /// <summary>
    /// Applies <paramref name="change"/> (which says whether it changes anything, and to what) to the
    /// current value, atomically across every instance in team mode. True when it changed the value.
    /// </summary>
    public async Task<bool> ChangeAsync(Func<T, (bool Changed, T Next)> change, CancellationToken ct = default)
    {
        if (_store is null)
        {
            lock (_lock)
            {
                var (changed, next) = change(_snapshot.Value);
                if (changed)
                {
                    _snapshot = new Snapshot(_snapshot.Revision + 1, next);
                }

                return changed;
            }
        }

        var wrote = false;
        var stored = await _store.ChangeAsync(_key, text =>
        {
            var (changed, next) = change(_read(text));
            wrote = changed;
            return changed ? (true, _write(next)) : (false, null);
        }, ct);
        Accept(stored);
        return wrote;
    }

    /// <summary>Team mode: reads the switch again (another instance changed it).</summary>
    public async Task ReloadAsync(CancellationToken ct = default)
    {
        if (_store is not null)
        {
            Accept(await _store.ReadAsync(_key, ct));
        }
    }

    private void Accept(StoredState stored)
    {
        var value = _read(stored.Value);
        lock (_lock)
        {
            if (stored.Revision >= _snapshot.Revision)
            {
                _snapshot = new Snapshot(stored.Revision, value);
            }
        }
    }

    private sealed record Snapshot(long Revision, T Value);
}
