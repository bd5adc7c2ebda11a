using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Live;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Orders;
using CheckoutConsole.Domain.Timeline;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage;

namespace CheckoutConsole.Domain.Services;

/// <summary>
/// Every write goes through here: a context per operation, the timeline's change records captured
/// from the change tracker in the same save, and the change feed told only after the save succeeded.
/// </summary>
public sealed class CheckoutStore(IDbContextFactory<CheckoutDbContext> factory, CheckoutChangeFeed feed, TimeProvider clock, TimelineRetention retention, IdSequences ids) : IDisposable
{
    private readonly SemaphoreSlim _inMemorySaves = new(1, 1);

    // The last version this store wrote of each versioned record, so the InMemory token check
    // doesn't have to read every record back (see SaveInMemoryAsync).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(Type, string), int> _inMemoryVersions = new();

    private static readonly IDisposable NoTurn = new NoGate();

    private readonly KeyedGate _writers = new();

    public DateTime Now => clock.GetUtcNow().UtcDateTime;

    public IdSequences Ids => ids;

    private long _worldEpoch;

    // Team mode: the revision of the shared world (the "world" row of EmulatorState) this instance's
    // records belong to. A reset on any instance raises it, first thing in its transaction.
    private long _worldRevision;
    private const string WorldKey = "world";
    private CancellationTokenSource _world = new();

    /// <summary>Cancelled when the world is replaced (a reset or a scenario): work of the old world stops.</summary>
    public CancellationToken WorldToken => Volatile.Read(ref _world).Token;

    /// <summary>
    /// Writers of one record take turns within this process, so a burst of concurrent writes to one
    /// cart queues instead of exhausting its conflict retries; other processes are still caught by
    /// the version tokens. No id (a malformed input) needs no turn.
    /// </summary>
    public Task<IDisposable> TurnAsync(string? recordId, CancellationToken ct = default) =>
        recordId is null ? Task.FromResult(NoTurn) : _writers.EnterAsync(recordId, ct);

    private sealed class NoGate : IDisposable
    {
        public void Dispose()
        {
        }
    }

    public CheckoutDbContext CreateContext()
    {
        var db = factory.CreateDbContext();
        db.WorldEpoch = Interlocked.Read(ref _worldEpoch);
        db.WorldRevision = Interlocked.Read(ref _worldRevision);
        if (db.Database.IsSqlite())
        {
            // One connection for the whole operation instead of one per query (about 5 KB less per
            // query). SQLite's connections are in-process and hold no lock until a write begins.
            db.Database.OpenConnection();
        }

        return db;
    }

    /// <summary>
    /// Empties the database and writes a new world with <paramref name="seed"/>, as one step that no
    /// save interleaves with on InMemory. A context opened before it can no longer save (its request
    /// conflicts, as if another request had changed its records), and <see cref="WorldToken"/> is
    /// cancelled so running tasks stop. Publishes one World change for every open page.
    /// </summary>
    public async Task ReplaceWorldAsync(Func<CheckoutDbContext, Task> seed, CancellationToken ct = default)
    {
        await _inMemorySaves.WaitAsync(ct);
        try
        {
            Interlocked.Increment(ref _worldEpoch);
            Interlocked.Exchange(ref _world, new CancellationTokenSource()).Cancel();
            _inMemoryVersions.Clear();
            await using var db = CreateContext();
            if (db.Database.IsInMemory())
            {
                await db.Database.EnsureDeletedAsync(ct);
                await db.Database.EnsureCreatedAsync(ct);
                await seed(db);
                await db.SaveChangesAsync(ct);
            }
            else
            {
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                // Team mode: the world row first, so saves of other instances still in flight finish
                // before the tables are emptied, and the ones after it see that the world changed.
                var revision = db.Database.IsSqlite() ? 0 : await RaiseWorldRevisionAsync(db, ct);
                await EmptyAsync(db, ct);
                await seed(db);
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                Interlocked.Exchange(ref _worldRevision, revision);
            }

            // The timeline is empty again: its retention counts are read afresh.
            retention.Forget();
        }
        finally
        {
            _inMemorySaves.Release();
        }

        feed.Publish(new CheckoutChange(null, null, ChangeKinds.World, Now));
    }

    /// <summary>
    /// Team mode: another instance replaced the world. As after a reset here, work of the old world
    /// stops and a context opened before can no longer save.
    /// </summary>
    public async Task WorldReplacedElsewhereAsync(CancellationToken ct = default)
    {
        Interlocked.Increment(ref _worldEpoch);
        Interlocked.Exchange(ref _world, new CancellationTokenSource()).Cancel();
        retention.Forget();
        await LoadWorldRevisionAsync(ct);
    }

    /// <summary>Team mode: which shared world this instance works in (at start-up, after a reset elsewhere, after a resync).</summary>
    public async Task LoadWorldRevisionAsync(CancellationToken ct = default)
    {
        await using var db = factory.CreateDbContext();
        Interlocked.Exchange(ref _worldRevision, await ReadWorldRevisionAsync(db, ct));
    }

    /// <summary>
    /// The shared world's revision, read with a shared lock: inside a save's transaction it holds a
    /// reset off until the save commits; on its own it waits for a reset in progress to finish.
    /// </summary>
    private static async Task<long> ReadWorldRevisionAsync(CheckoutDbContext db, CancellationToken ct)
    {
        // A plain command on the context's connection (and in its transaction, if any): each save
        // runs it, and EF's raw-SQL query pipeline cost more than the read itself.
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            command.CommandText = $"""SELECT "Revision" FROM "EmulatorState" WHERE "Key" = '{WorldKey}' FOR SHARE""";
            var revision = await command.ExecuteScalarAsync(ct);
            return revision is null or DBNull ? 0 : Convert.ToInt64(revision, System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task<long> RaiseWorldRevisionAsync(CheckoutDbContext db, CancellationToken ct) =>
        (await db.Database.SqlQuery<long>($"""
            INSERT INTO "EmulatorState" ("Key", "Revision", "Value") VALUES ({WorldKey}, 1, NULL)
            ON CONFLICT ("Key") DO UPDATE SET "Revision" = "EmulatorState"."Revision" + 1
            RETURNING "Revision" AS "Value"
            """).ToListAsync(ct)).Single();

    private static async Task EmptyAsync(CheckoutDbContext db, CancellationToken ct)
    {
        await db.Timeline.ExecuteDeleteAsync(ct);
        await db.OrderSummaries.ExecuteDeleteAsync(ct);
        await db.OrderItems.ExecuteDeleteAsync(ct);
        await db.Orders.ExecuteDeleteAsync(ct);
        await db.ValidationOutputs.ExecuteDeleteAsync(ct);
        await db.Operations.ExecuteDeleteAsync(ct);
        await db.Sessions.ExecuteDeleteAsync(ct);
        await db.CartShares.ExecuteDeleteAsync(ct);
        await db.CartItems.ExecuteDeleteAsync(ct);
        await db.Carts.ExecuteDeleteAsync(ct);
        await db.Products.ExecuteDeleteAsync(ct);
        await db.Users.ExecuteDeleteAsync(ct);
        await db.StoreMemberships.ExecuteDeleteAsync(ct);
        await db.Accounts.ExecuteDeleteAsync(ct);
        await db.WebStores.ExecuteDeleteAsync(ct);
    }

    /// <summary>
    /// Team mode: another instance's reset may have replaced the world since this context was opened,
    /// before this instance heard of it. The save reads the world row with a shared lock in its own
    /// transaction: a reset in progress (which takes that row first) makes it wait, and a reset that
    /// committed since makes it conflict, so nothing of the old world lands in the new one.
    /// </summary>
    private static async Task SavePostgresAsync(CheckoutDbContext db, CancellationToken ct)
    {
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        if (await ReadWorldRevisionAsync(db, ct) != db.WorldRevision)
        {
            throw new DbUpdateConcurrencyException("The emulator was reset on another instance while this request ran; nothing was saved.");
        }

        // In a transaction of its own a failed save rolls the whole transaction back: EF's savepoint
        // around the save (two more statements each) would protect nothing.
        var savepoints = db.Database.AutoSavepointsEnabled;
        db.Database.AutoSavepointsEnabled = savepoints && transaction is null;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.Database.AutoSavepointsEnabled = savepoints;
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
    }

    private void EnsureSameWorld(CheckoutDbContext db)
    {
        if (db.WorldEpoch != Interlocked.Read(ref _worldEpoch))
        {
            throw new DbUpdateConcurrencyException("The emulator was reset while this request ran; nothing was saved.");
        }
    }

    /// <summary>Makes this save conflict with any other that read the same version of the entity.</summary>
    public static void Guard<T>(CheckoutDbContext db, T entity) where T : class, IVersioned =>
        db.Entry(entity).Property(e => e.Version).IsModified = true;

    public async Task SaveAsync(CheckoutDbContext db, Audit audit, CancellationToken ct = default)
    {
        var now = Now;
        var (changes, lines) = CaptureChanges(db, audit, now);
        var recorded = lines.Select(l => l.CartId).ToList();
        if (db.Database.IsInMemory())
        {
            db.Timeline.AddRange(lines);
            await SaveInMemoryAsync(db, ct);
        }
        else if (db.Database.IsSqlite())
        {
            EnsureSameWorld(db);
            await SaveSqliteAsync(db, lines, ct);
        }
        else
        {
            // PostgreSQL: EF sends the records and the lines in one batch, one round trip, while
            // the writer's separate insert would hold each pooled connection longer under a race.
            EnsureSameWorld(db);
            db.Timeline.AddRange(lines);
            await SavePostgresAsync(db, ct);
        }

        await retention.AfterSaveAsync(recorded, ct);

        foreach (var change in changes)
        {
            feed.Publish(change);
        }
    }

    /// <summary>
    /// The InMemory provider applies a save entry by entry and checks concurrency tokens as it goes,
    /// so a save that loses a race could still have written the entries before the conflicting one.
    /// Saves are serialized here and every token is checked before anything is written, which makes
    /// each save all-or-nothing, as it is on SQLite inside its transaction. The check trusts the
    /// versions this store wrote itself and reads the record only when it hasn't seen it.
    /// </summary>
    private async Task SaveInMemoryAsync(CheckoutDbContext db, CancellationToken ct)
    {
        await _inMemorySaves.WaitAsync(ct);
        try
        {
            EnsureSameWorld(db);
            var versioned = db.ChangeTracker.Entries<IVersioned>().Where(e => e.State != EntityState.Unchanged).ToList();
            foreach (var entry in versioned.Where(e => e.State is EntityState.Modified or EntityState.Deleted))
            {
                var key = VersionKey(entry);
                var expected = entry.OriginalValues.GetValue<int>(nameof(IVersioned.Version));
                if (_inMemoryVersions.TryGetValue(key, out var known) && known == expected)
                {
                    continue;
                }

                // Not seen since start (or written outside this store): ask the database itself.
                var stored = await entry.GetDatabaseValuesAsync(ct);
                if (stored is null || stored.GetValue<int>(nameof(IVersioned.Version)) != expected)
                {
                    throw new DbUpdateConcurrencyException($"{entry.Metadata.ClrType.Name} was changed by another request after it was read.");
                }
            }

            await db.SaveChangesAsync(ct);
            foreach (var entry in versioned)
            {
                if (entry.State == EntityState.Detached)
                {
                    _inMemoryVersions.TryRemove(VersionKey(entry), out _);
                }
                else
                {
                    _inMemoryVersions[VersionKey(entry)] = entry.Entity.Version;
                }
            }
        }
        finally
        {
            _inMemorySaves.Release();
        }

        static (Type, string) VersionKey(EntityEntry<IVersioned> entry) =>
            (entry.Metadata.ClrType, (string)entry.Property("Id").CurrentValue!);
    }

    /// <summary>The records through EF, the timeline lines as one insert, in one transaction.</summary>
    private static async Task SaveSqliteAsync(CheckoutDbContext db, List<TimelineEntry> lines, CancellationToken ct)
    {
        if (lines.Count == 0)
        {
            await db.SaveChangesAsync(ct);
            return;
        }

        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await db.SaveChangesAsync(ct);
        await TimelineWriter.InsertAsync(db, lines, ct);
        if (transaction is not null)
        {
            await transaction.CommitAsync(ct);
        }
    }

    public void Dispose()
    {
        _inMemorySaves.Dispose();
        _world.Dispose();
    }

    /// <summary>Records an action invocation that changed nothing else (a rejected call).</summary>
    public async Task RecordAsync(TimelineEntry entry, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        if (db.Database.IsSqlite())
        {
            EnsureSameWorld(db);
            await TimelineWriter.InsertAsync(db, [entry], ct);
        }
        else
        {
            db.Timeline.Add(entry);
            await SaveRecordAsync(db, ct);
        }

        await retention.AfterSaveAsync([entry.CartId], ct);
        feed.Publish(new CheckoutChange(entry.CartId, entry.SessionId, ChangeKinds.Timeline, entry.At));
    }

    /// <summary>Changes a saved action entry's outcome (an inline task failed after its action was recorded).</summary>
    public async Task RecordOutcomeAsync(TimelineEntry saved, string outcome, int httpStatus, string? message, CancellationToken ct = default)
    {
        await using var db = CreateContext();
        // SQLite's timeline writer doesn't read generated keys back: the entry is found by its request instead.
        var entry = saved.Id != 0
            ? await db.Timeline.FirstOrDefaultAsync(t => t.Id == saved.Id, ct)
            : await db.Timeline.Where(t => t.Kind == TimelineKinds.Action && t.CartId == saved.CartId && t.RequestId == saved.RequestId && t.Action == saved.Action)
                .OrderByDescending(t => t.Id).FirstOrDefaultAsync(ct);
        if (entry is null)
        {
            return;
        }

        entry.SetOutcome(outcome, httpStatus, message);
        await SaveRecordAsync(db, ct);
        feed.Publish(new CheckoutChange(entry.CartId, entry.SessionId, ChangeKinds.Timeline, Now));
    }

    private async Task SaveRecordAsync(CheckoutDbContext db, CancellationToken ct)
    {
        if (!db.Database.IsInMemory())
        {
            EnsureSameWorld(db);
            await db.SaveChangesAsync(ct);
            return;
        }

        await _inMemorySaves.WaitAsync(ct);
        try
        {
            EnsureSameWorld(db);
            await db.SaveChangesAsync(ct);
        }
        finally
        {
            _inMemorySaves.Release();
        }
    }

    /// <summary>
    /// The change feed's notices and every timeline line of this save, in order: the lines the
    /// caller added (taken out of the change tracker) and then one per changed tracked field.
    /// </summary>
    private static (List<CheckoutChange> Changes, List<TimelineEntry> Lines) CaptureChanges(CheckoutDbContext db, Audit audit, DateTime now)
    {
        var kindsByCart = new Dictionary<(string? Cart, string? Session), ChangeKinds>();
        var entries = new List<TimelineEntry>();

        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry.State is EntityState.Unchanged or EntityState.Detached)
            {
                continue;
            }

            if (entry.Entity is TimelineEntry line)
            {
                entries.Add(line);
                entry.State = EntityState.Detached;
                continue;
            }

            var (cartId, sessionId, kind) = Describe(entry.Entity);
            if (kind == ChangeKinds.None)
            {
                continue;
            }

            var key = (cartId, sessionId);
            kindsByCart[key] = kindsByCart.GetValueOrDefault(key) | kind | ChangeKinds.Timeline;

            var fields = TrackedFields(entry.Entity);
            foreach (var field in fields)
            {
                // A new record is one line (its first field: State or Status), not one per default value.
                if (entry.State == EntityState.Added && field != fields[0])
                {
                    continue;
                }

                var property = entry.Property(field);
                var before = entry.State == EntityState.Added ? null : Format(property.OriginalValue);
                var after = entry.State == EntityState.Deleted ? null : Format(property.CurrentValue);
                if (entry.State == EntityState.Modified && (!property.IsModified || before == after))
                {
                    continue;
                }

                entries.Add(TimelineEntry.ForChange(now, audit.Actor, audit.RequestId, cartId, sessionId,
                    entry.Metadata.ClrType.Name, (string)entry.Property("Id").CurrentValue!, field, before, after, audit.Cause));
            }

            if (entry.Entity is CartValidationOutput output && entry.State is EntityState.Added or EntityState.Deleted)
            {
                entries.Add(TimelineEntry.ForChange(now, audit.Actor, audit.RequestId, cartId, sessionId,
                    nameof(CartValidationOutput), output.Id, "Message",
                    entry.State == EntityState.Deleted ? $"{output.Level}: {output.Message}" : null,
                    entry.State == EntityState.Added ? $"{output.Level}: {output.Message}" : null, audit.Cause));
            }
        }

        return ([.. kindsByCart.Select(kv => new CheckoutChange(kv.Key.Cart, kv.Key.Session, kv.Value, now))], entries);
    }

    private static (string? CartId, string? SessionId, ChangeKinds Kind) Describe(object entity) => entity switch
    {
        WebCart cart => (cart.Id, null, ChangeKinds.Cart),
        CartItem item => (item.CartId, null, ChangeKinds.Cart),
        CartCheckoutSession session => (session.WebCartId, session.Id, ChangeKinds.Session),
        CartValidationOutput output => (output.CartId, null, ChangeKinds.Validation),
        BackgroundOperation operation => (operation.CartId, operation.CheckoutSessionId, ChangeKinds.Operation),
        Order order => (order.CartId, order.CheckoutSessionId, ChangeKinds.Order),
        OrderSummary => (null, null, ChangeKinds.Order),
        _ => (null, null, ChangeKinds.None),
    };

    private static string[] TrackedFields(object entity) => entity switch
    {
        WebCart => [nameof(WebCart.Status)],
        CartCheckoutSession =>
        [
            nameof(CartCheckoutSession.State), nameof(CartCheckoutSession.NextState), nameof(CartCheckoutSession.IsProcessing),
            nameof(CartCheckoutSession.IsError), nameof(CartCheckoutSession.IsArchived),
        ],
        BackgroundOperation => [nameof(BackgroundOperation.Status)],
        Order => [nameof(Order.Status)],
        OrderSummary => [nameof(OrderSummary.Status)],
        _ => [],
    };

    private static string? Format(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        _ => value.ToString(),
    };
}
