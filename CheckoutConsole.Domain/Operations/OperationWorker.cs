using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CheckoutConsole.Domain.Operations;

/// <summary>
/// Drains the operation queue with a few concurrent consumers. At start it recovers what a stopped
/// process left behind: queued operations run, interrupted ones run again (the tasks are idempotent).
/// In team mode other instances may be running tasks right now, so nothing is recovered at start:
/// instead every instance keeps claiming operations whose lease lapsed (see OperationLeases).
/// A database this process created at its start (always, in memory) has nothing to recover: the
/// recovery's queries are skipped, which shortens the start.
/// </summary>
public sealed class OperationWorker(
    OperationQueue queue,
    OperationRunner runner,
    OperationLeases leases,
    CheckoutStore store,
    DatabaseInitializer database,
    IOptions<CheckoutOptions> options,
    ILogger<OperationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!leases.Enabled && !database.CreatedInThisProcess)
        {
            await RecoverAsync(stoppingToken);
        }

        var consumers = Enumerable.Range(0, Math.Max(1, options.Value.Workers)).Select(_ => ConsumeAsync(stoppingToken));
        await Task.WhenAll([.. consumers, ClaimLapsedAsync(stoppingToken)]);
    }

    /// <summary>Team mode: runs what no live instance is running, one operation at a time.</summary>
    private async Task ClaimLapsedAsync(CancellationToken ct)
    {
        if (!leases.Enabled)
        {
            return;
        }

        try
        {
            while (!ct.IsCancellationRequested)
            {
                OperationClaim? claim = null;
                try
                {
                    claim = await leases.ClaimAsync(store.Now, ct);
                    if (claim is { TakenOver: true })
                    {
                        logger.LogInformation("Took over background operation {OperationId} ({Type}) from {Owner}: its lease lapsed.",
                            claim.OperationId, claim.Type, claim.PreviousOwner ?? "an instance that never renewed it");
                        await runner.FinishAsync(claim.OperationId, claim.Type, inline: false, ct);
                    }
                    else if (claim is not null)
                    {
                        await runner.RunAsync(claim.OperationId, inline: false, ct);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Claiming or running an unattended background operation failed; trying again.");
                }

                if (claim is null)
                {
                    await Task.Delay(leases.PollInterval, ct);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task ConsumeAsync(CancellationToken ct)
    {
        try
        {
            await foreach (var operationId in queue.Reader.ReadAllAsync(ct))
            {
                try
                {
                    await runner.RunAsync(operationId, inline: false, ct);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "Background operation {OperationId} failed unexpectedly.", operationId);
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
    }

    private async Task RecoverAsync(CancellationToken ct)
    {
        var (requeued, stranded) = await RestartRecovery.RecoverAsync(store, ct);
        foreach (var id in requeued)
        {
            await queue.EnqueueAsync(id, ct);
        }

        if (requeued.Count + stranded > 0)
        {
            logger.LogInformation("Restart recovery: {Count} background operation(s) queued, {Stranded} stranded session(s) moved to Error.", requeued.Count, stranded);
        }
    }
}

/// <summary>
/// What a stopped process leaves behind, made whole at the next start: interrupted operations run
/// again (the tasks are idempotent: a second run reuses the order, never creates another), and a
/// session that claims to be processing with no live operation ends in Error with an explanation.
/// </summary>
public static class RestartRecovery
{
    public static async Task<(IReadOnlyList<string> Requeued, int Stranded)> RecoverAsync(CheckoutStore store, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        var now = store.Now;
        foreach (var operation in await db.Operations.Where(o => o.Status == OperationStatuses.Running).ToListAsync(ct))
        {
            operation.Requeue(now);
        }

        var open = db.Operations.Where(o => o.Status == OperationStatuses.New || o.Status == OperationStatuses.Running).Select(o => o.CartId);
        var stranded = await db.Sessions.Where(s => s.IsProcessing && !s.IsArchived && !open.Contains(s.WebCartId)).ToListAsync(ct);
        foreach (var session in stranded)
        {
            var cart = await db.Carts.FirstAsync(c => c.Id == session.WebCartId, ct);
            db.ValidationOutputs.Add(CartValidationOutput.Create(store.Ids, cart.Id, ValidationLevels.Error, ValidationTypes.SystemError,
                $"The '{session.State}' step was interrupted when the console stopped, and no task is left to finish it. Cancel the checkout and start a new one, or edit the cart.",
                cart.Id, session.BackgroundOperationId, now));
            session.FailTask(now);
            if (cart.Status == CartStatuses.Processing)
            {
                cart.SetStatus(CartStatuses.Checkout, now);
            }
        }

        await store.SaveAsync(db, Audit.System("restart recovery"), ct);
        var pending = await db.Operations.Where(o => o.Status == OperationStatuses.New).OrderBy(o => o.SubmittedAt).Select(o => o.Id).ToListAsync(ct);
        return (pending, stranded.Count);
    }
}

/// <summary>Archives expired checkouts every few seconds (SPEC §6, Expiry).</summary>
public sealed class ExpirySweeper(CheckoutAdminService service, IOptions<CheckoutOptions> options, ILogger<ExpirySweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Max(1, options.Value.ExpirySweepSeconds)));
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var expired = await service.ArchiveExpiredSessionsAsync(stoppingToken);
                    if (expired > 0)
                    {
                        logger.LogInformation("Archived {Count} expired checkout session(s).", expired);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    logger.LogError(ex, "The expiry sweep failed; it runs again on the next tick.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
