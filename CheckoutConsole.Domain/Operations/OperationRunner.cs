using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Faults;
using CheckoutConsole.Domain.Orders;
using CheckoutConsole.Domain.Services;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CheckoutConsole.Domain.Operations;

public readonly record struct TaskError(ErrorRule Rule, string Code, string Message);

public sealed record OperationOutcome(string OperationId, string Status, TaskError? Error)
{
    public static OperationOutcome Skipped(string id, string status) => new(id, status, null);
}

/// <summary>
/// Runs one background operation: New → Running → Complete / Error. A cancel that lands while the
/// task works wins: the task's late completion conflicts on the operation's version and is dropped.
/// </summary>
public sealed class OperationRunner(
    CheckoutStore store, CheckoutTasks tasks, FaultInjector faults, OperationQueue queue, OperationLeases leases, IOptions<CheckoutOptions> options)
{
    private const int CompletionRetries = 5;
    private static readonly Audit Worker = new("worker", null, "background operation");

    public async Task<OperationOutcome> RunAsync(string operationId, bool inline = false, CancellationToken ct = default)
    {
        string type;
        await using (var db = store.CreateContext())
        {
            var operation = await CompiledQueries.For(db).Operation(db, operationId, ct);
            if (operation is null || operation.Status != OperationStatuses.New)
            {
                return OperationOutcome.Skipped(operationId, operation?.Status ?? "missing");
            }

            operation.Start(store.Now);
            try
            {
                await store.SaveAsync(db, Worker with { Cause = $"{operation.Type} task started" }, ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return OperationOutcome.Skipped(operationId, "taken");
            }

            type = operation.Type;
        }

        return await FinishAsync(operationId, type, inline, ct);
    }

    /// <summary>
    /// The task's work and its outcome, for an operation already Running: the worker's second half,
    /// and all an inline run (runAsync=false) needs, since its action saved the operation as Running.
    /// </summary>
    public async Task<OperationOutcome> FinishAsync(string operationId, string type, bool inline, CancellationToken ct = default)
    {
        await using var lease = await leases.HoldAsync(operationId, ct);
        var delay = options.Value.LatencyFor(type) + faults.TaskDelayMs;
        if (delay > 0)
        {
            await Task.Delay(delay, ct);
        }

        for (var attempt = 1; ; attempt++)
        {
            await using var db = store.CreateContext();
            var operation = (await CompiledQueries.For(db).Operation(db, operationId, ct))!;
            if (operation.Status != OperationStatuses.Running)
            {
                return OperationOutcome.Skipped(operationId, operation.Status);
            }

            if (!leases.MayComplete(operation))
            {
                return OperationOutcome.Skipped(operationId, "taken over");
            }

            var work = await tasks.ExecuteAsync(db, operation, ct);
            CheckoutStore.Guard(db, operation);
            try
            {
                await store.SaveAsync(db, Worker with { Cause = $"{operation.Type} task finished" }, ct);
            }
            catch (DbUpdateException) when (attempt < CompletionRetries)
            {
                continue;
            }

            if (work.FollowUpOperationId is not null)
            {
                var followUp = await RunOrQueueAsync(work.FollowUpOperationId, inline, ct);
                if (work.Error is null && followUp?.Error is not null)
                {
                    return new OperationOutcome(operationId, operation.Status, followUp.Error);
                }
            }

            return new OperationOutcome(operationId, operation.Status, work.Error);
        }
    }

    private async Task<OperationOutcome?> RunOrQueueAsync(string operationId, bool inline, CancellationToken ct)
    {
        if (inline)
        {
            return await RunAsync(operationId, inline: true, ct);
        }

        await queue.EnqueueAsync(operationId, ct);
        return null;
    }
}

public sealed record TaskWork(TaskError? Error, string? FollowUpOperationId);
