using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Operations;
using Microsoft.EntityFrameworkCore;
using static CheckoutConsole.Domain.Services.CheckoutChecks;

namespace CheckoutConsole.Domain.Services;

public sealed record SessionFieldChanges(string? State, bool SetNextState, string? NextState, bool? IsProcessing);

/// <summary>Record updates a flow or an admin makes outside the actions, admin repairs, and the expiry sweeper.</summary>
public sealed class CheckoutAdminService(CheckoutStore store, CartScopes scopes, OperationQueue queue)
{
    private const CheckoutAction Edit = CheckoutAction.CartEdit;
    private const int ConflictRetries = 5;

    /// <summary>
    /// A flow's plain record update of State, NextState or IsProcessing (REST PATCH, the admin's
    /// field editor), with the update action's access rules.
    /// </summary>
    public async Task<Result<Unit>> UpdateSessionFieldsAsync(Caller caller, string? checkoutSessionId, SessionFieldChanges changes, CancellationToken ct = default)
    {
        // A record update is last-writer-wins: concurrent ones take turns, and one that meets a change
        // from elsewhere (a task finishing, a cancel) is applied again over it.
        var sessionId = SalesforceId.TryParse(checkoutSessionId, KeyPrefixes.CartCheckoutSession, out var id, out _) ? id.Value : null;
        using var turn = await store.TurnAsync(sessionId, ct);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await UpdateSessionFieldsOnceAsync(caller, checkoutSessionId, changes, ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < ConflictRetries)
            {
            }
        }
    }

    private async Task<Result<Unit>> UpdateSessionFieldsOnceAsync(Caller caller, string? checkoutSessionId, SessionFieldChanges changes, CancellationToken ct)
    {
        const CheckoutAction action = CheckoutAction.UpdateCheckoutSession;
        await using var db = store.CreateContext();
        var load = await scopes.ForSessionAsync(db, action, caller, checkoutSessionId, ct);
        if (load.Error is { } error)
        {
            return error;
        }

        var session = load.Scope!.Session!;
        foreach (var (field, value) in new[] { ("State", changes.State), ("NextState", changes.NextState) })
        {
            if (value is not null && !CheckoutFlow.IsState(value))
            {
                return Fail(action, ErrorRule.InvalidStateInput, $"{field} {Describe(value)} isn't a state of the checkout flow; expected one of {CheckoutFlow.StatesForMessage}.");
            }
        }

        if (session.IsArchived)
        {
            return Fail(action, ErrorRule.SessionNotUpdatable, $"Checkout session {session.Id} is archived; archived sessions can't be changed.");
        }

        session.SetFields(changes.State, changes.NextState, changes.SetNextState, changes.IsProcessing, store.Now);
        CheckoutStore.Guard(db, session);
        await store.SaveAsync(db, new Audit(load.Actor, caller.RequestId, "record update of the checkout session"), ct);
        return Result<Unit>.Success(Unit.Value);
    }

    /// <summary>Admin: send a failed OrderSummary operation through the queue again.</summary>
    public async Task<Result<string>> RetryOrderSummaryAsync(Caller caller, string? operationId, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        var (admin, error) = await RequireAdminAsync(caller);
        if (error is not null)
        {
            return error;
        }

        if (!SalesforceId.TryParse(operationId, KeyPrefixes.BackgroundOperation, out var id, out var problem))
        {
            return Fail(Edit, ErrorRule.InvalidInput, $"Invalid backgroundOperationId: {problem}.");
        }

        var operation = await db.Operations.FirstOrDefaultAsync(o => o.Id == id.Value, ct);
        if (operation is null || operation.Type != OperationTypes.OrderSummary || operation.Status != OperationStatuses.Error)
        {
            return Fail(Edit, ErrorRule.InvalidInput, operation is null
                ? $"No background operation with id {id} exists."
                : $"Only a failed OrderSummary operation can be retried; operation {id} is a {operation.Type} operation in status {operation.Status}.");
        }

        operation.Requeue(store.Now);
        CheckoutStore.Guard(db, operation);
        await store.SaveAsync(db, new Audit(admin!.Username, caller.RequestId, "admin retried the order summary"), ct);
        await queue.EnqueueAsync(operation.Id, ct);
        return Result<string>.Success(operation.Id);
    }

    /// <summary>Admin: dismiss a validation output (a dismissed Error no longer blocks activation).</summary>
    public async Task<Result<Unit>> DismissValidationOutputAsync(Caller caller, string? outputId, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        var (admin, error) = await RequireAdminAsync(caller);
        if (error is not null)
        {
            return error;
        }

        if (!SalesforceId.TryParse(outputId, KeyPrefixes.CartValidationOutput, out var id, out var problem))
        {
            return Fail(Edit, ErrorRule.InvalidInput, $"Invalid validation output id: {problem}.");
        }

        var output = await db.ValidationOutputs.FirstOrDefaultAsync(o => o.Id == id.Value, ct);
        if (output is null)
        {
            return Fail(Edit, ErrorRule.RecordNotFound, $"No validation output with id {id} exists.");
        }

        output.Dismiss();
        await store.SaveAsync(db, new Audit(admin!.Username, caller.RequestId, "admin dismissed a validation output"), ct);
        return Result<Unit>.Success(Unit.Value);
    }

    /// <summary>The TTL sweeper: archive sessions older than their store's CheckoutTimeToLive and reopen their carts.</summary>
    public async Task<int> ArchiveExpiredSessionsAsync(CancellationToken ct = default)
    {
        var now = store.Now;
        await using var read = store.CreateContext();
        var candidates = await (
            from s in read.Sessions.AsNoTracking()
            where !s.IsArchived
            join c in read.Carts on s.WebCartId equals c.Id
            join w in read.WebStores on c.WebStoreId equals w.Id
            where w.CheckoutTimeToLive != null
            select new { s.Id, s.WebCartId, s.CreatedDate, Ttl = w.CheckoutTimeToLive!.Value }).ToListAsync(ct);

        var expired = 0;
        foreach (var candidate in candidates.Where(c => c.CreatedDate.AddMinutes(c.Ttl) <= now))
        {
            await using var db = store.CreateContext();
            var session = await db.Sessions.FirstAsync(s => s.Id == candidate.Id, ct);
            var cart = await db.Carts.FirstAsync(c => c.Id == candidate.WebCartId, ct);
            if (session.IsArchived)
            {
                continue;
            }

            await CheckoutCancellation.ApplyAsync(db, cart, session, now, ct);
            try
            {
                await store.SaveAsync(db, Audit.System(CheckoutCauses.Expired(candidate.Ttl)), ct);
                expired++;
            }
            catch (DbUpdateConcurrencyException)
            {
                // Changed meanwhile; the next sweep looks again.
            }
        }

        return expired;
    }

    private async Task<(Accounts.User? Admin, CheckoutError? Error)> RequireAdminAsync(Caller caller)
    {
        var user = (await scopes.AccessAsync(caller)).User;
        return user?.IsAdmin == true
            ? (user, null)
            : (null, Fail(Edit, ErrorRule.CannotInvoke, $"User {user?.Username ?? caller.UserId} isn't an admin: expected the permission ModifyAllData."));
    }
}
