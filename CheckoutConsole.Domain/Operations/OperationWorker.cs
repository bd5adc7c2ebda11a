using CheckoutConsole.Domain.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CheckoutConsole.Domain.Operations;

/// <summary>
/// Drains the operation queue with a few concurrent consumers. At start it recovers what a stopped
/// process left behind: queued operations run, interrupted ones run again (the tasks are idempotent).
/// </summary>
public sealed class OperationWorker(
    OperationQueue queue,
    OperationRunner runner,
    CheckoutStore store,
    IOptions<CheckoutOptions> options,
    ILogger<OperationWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await RecoverAsync(stoppingToken);
        var consumers = Enumerable.Range(0, Math.Max(1, options.Value.Workers)).Select(_ => ConsumeAsync(stoppingToken));
        await Task.WhenAll(consumers);
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
        await using var db = store.CreateContext();
        var interrupted = await db.Operations.Where(o => o.Status == OperationStatuses.Running).ToListAsync(ct);
        foreach (var operation in interrupted)
        {
            operation.Requeue(store.Now);
        }

        if (interrupted.Count > 0)
        {
            await store.SaveAsync(db, Audit.System("restart recovery: interrupted task queued again"), ct);
        }

        var pending = await db.Operations.Where(o => o.Status == OperationStatuses.New).OrderBy(o => o.SubmittedAt).Select(o => o.Id).ToListAsync(ct);
        foreach (var id in pending)
        {
            await queue.EnqueueAsync(id, ct);
        }

        if (pending.Count > 0)
        {
            logger.LogInformation("Recovered {Count} background operation(s) ({Interrupted} interrupted).", pending.Count, interrupted.Count);
        }
    }
}

/// <summary>Archives expired checkouts every few seconds (SPEC §6, Expiry).</summary>
public sealed class ExpirySweeper(CheckoutService service, IOptions<CheckoutOptions> options, ILogger<ExpirySweeper> logger) : BackgroundService
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
