using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CheckoutConsole.Domain.Operations;

/// <summary>An operation this instance may work on: a New one nobody started, or a Running one whose lease lapsed.</summary>
public sealed record OperationClaim(string OperationId, string Type, bool TakenOver, string? PreviousOwner);

/// <summary>
/// Team mode (PostgreSQL): which instance runs a task. The runner holds a lease on the operation
/// while it works and renews it every third of Checkout:OperationLeaseSeconds; an instance that dies
/// stops renewing, and another claims the operation (FOR UPDATE SKIP LOCKED, so two instances never
/// claim the same row) once the lease lapsed. Lease times are the database's clock, the one clock
/// all instances share. With one process (InMemory, SQLite) there is nobody to hand over to and
/// every method is a no-op.
/// </summary>
public sealed class OperationLeases(
    IDbContextFactory<CheckoutDbContext> factory,
    IOptions<DatabaseOptions> database,
    IOptions<CheckoutOptions> options,
    ILogger<OperationLeases> logger)
{
    // A claim's row lock lives only for its own transaction; the lease is what holds the operation afterwards.
    private const string ClaimSql = """
        SELECT * FROM "Operations"
        WHERE ("Status" = 'New' AND "SubmittedAt" < {0})
           OR ("Status" = 'Running' AND ("LeaseUntil" < now() OR ("LeaseUntil" IS NULL AND "StartedAt" < {0})))
        ORDER BY "SubmittedAt"
        LIMIT 1
        FOR UPDATE SKIP LOCKED
        """;

    public bool Enabled { get; } = database.Value.IsPostgreSql;

    /// <summary>This process among the instances on the database.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid().ToString("N")[..6]}";

    private ILogger Logger => logger;

    public TimeSpan Lease => TimeSpan.FromSeconds(Math.Max(1, options.Value.OperationLeaseSeconds));

    /// <summary>How often an instance looks for work nobody does: often enough that a take-over waits little beyond the lease.</summary>
    public TimeSpan PollInterval => TimeSpan.FromMilliseconds(Math.Clamp(Lease.TotalMilliseconds / 4, 100, 1000));

    /// <summary>
    /// Holds the lease on a Running operation until disposed, renewing it in the background. The
    /// first renewal claims an operation that has no owner yet (one this instance just started).
    /// </summary>
    public async Task<IAsyncDisposable> HoldAsync(string operationId, CancellationToken ct)
    {
        if (!Enabled)
        {
            return NoLease.Instance;
        }

        await RenewAsync(operationId, ct);
        return new Renewal(this, operationId);
    }

    /// <summary>False when another instance has taken the operation over: its outcome is theirs to write.</summary>
    public bool MayComplete(BackgroundOperation operation) =>
        !Enabled || operation.LeaseOwner is null || operation.LeaseOwner == InstanceId;

    /// <summary>
    /// Claims one operation that no live instance is working on. A New one is left to the normal
    /// start (which is versioned, so only one instance starts it); a lapsed Running one gets this
    /// instance as its owner in the same transaction that locked it.
    /// </summary>
    public async Task<OperationClaim?> ClaimAsync(DateTime now, CancellationToken ct)
    {
        if (!Enabled)
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // New operations are normally started by the instance that queued them; only those left
        // for a whole lease (that instance died first) are picked up here.
        // Not composed (no FirstOrDefault): the locking clause must stay the statement's own.
        var operation = (await db.Operations.FromSqlRaw(ClaimSql, now - Lease).AsNoTracking().ToListAsync(ct)).FirstOrDefault();
        if (operation is null)
        {
            return null;
        }

        var takenOver = operation.Status == OperationStatuses.Running;
        if (takenOver)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                UPDATE "Operations" SET "LeaseOwner" = {InstanceId}, "LeaseUntil" = now() + {Lease}, "Version" = "Version" + 1
                WHERE "Id" = {operation.Id}
                """, ct);
        }

        await transaction.CommitAsync(ct);
        return new OperationClaim(operation.Id, operation.Type, takenOver, operation.LeaseOwner);
    }

    private async Task<bool> RenewAsync(string operationId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var renewed = await db.Database.ExecuteSqlInterpolatedAsync($"""
            UPDATE "Operations" SET "LeaseOwner" = {InstanceId}, "LeaseUntil" = now() + {Lease}
            WHERE "Id" = {operationId} AND "Status" = 'Running' AND ("LeaseOwner" IS NULL OR "LeaseOwner" = {InstanceId})
            """, ct);
        return renewed == 1;
    }

    private sealed class NoLease : IAsyncDisposable
    {
        public static readonly NoLease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    private sealed class Renewal : IAsyncDisposable
    {
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public Renewal(OperationLeases leases, string operationId) => _loop = RenewUntilStoppedAsync(leases, operationId, _stop.Token);

        private static async Task RenewUntilStoppedAsync(OperationLeases leases, string operationId, CancellationToken ct)
        {
            using var timer = new PeriodicTimer(leases.Lease / 3);
            try
            {
                while (await timer.WaitForNextTickAsync(ct))
                {
                    try
                    {
                        if (!await leases.RenewAsync(operationId, ct))
                        {
                            return;
                        }
                    }
                    catch (Exception ex) when (ex is not OperationCanceledException)
                    {
                        // A missed renewal is retried on the next tick; the lease outlasts two of them.
                        leases.Logger.LogWarning(ex, "Renewing the lease on operation {OperationId} failed.", operationId);
                    }
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _loop;
            _stop.Dispose();
        }
    }
}
