using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Faults;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Orders;
using CheckoutConsole.Domain.Timeline;
using Microsoft.EntityFrameworkCore;
using static CheckoutConsole.Domain.Services.CheckoutChecks;

namespace CheckoutConsole.Domain.Services;

public sealed record StepResult(string Action, string? RecordId);

/// <summary>
/// The checkout actions of SPEC §5. Each reads top to bottom: load (§4's caller checks) → the
/// action's pipeline of named checks (<see cref="CheckoutChecks"/>) → change → save → publish.
/// <see cref="GetCapabilitiesAsync"/> runs the same pipelines without changing anything.
/// </summary>
public sealed class CheckoutService(CheckoutStore store, CartScopes scopes, OperationQueue queue, OperationRunner runner, FaultInjector faults)
{
    private const int ConflictRetries = 5;

    /// <summary>checkoutSessionAction: get the cart's open session, or create one (§5.1).</summary>
    public async Task<Result<string>> CheckoutSessionAsync(Caller caller, string? cartId, string? initialState = null, CancellationToken ct = default)
    {
        const CheckoutAction action = CheckoutAction.CheckoutSession;
        var inputs = new Dictionary<string, object?> { ["cartId"] = cartId, ["initialState"] = initialState };
        using var turn = await store.TurnAsync(CartScopes.ValidCartId(cartId), ct);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = store.CreateContext();
            var load = await scopes.ForCartAsync(db, action, caller, cartId, ct);
            var error = load.Error ?? await RunAsync(action, load.Scope!, StartCheckout(initialState, faults), ct);
            if (error is not null)
            {
                return await FailAsync<string>(action, caller, load, inputs, error, ct);
            }

            var (cart, session, now) = (load.Scope!.Cart, load.Scope.Session, store.Now);
            if (session is null)
            {
                session = CartCheckoutSession.Create(store.Ids, cart.Id, string.IsNullOrWhiteSpace(initialState) ? CheckoutFlow.Start : initialState, now);
                db.Sessions.Add(session);
                db.ValidationOutputs.RemoveRange(await CompiledQueries.For(db).ErrorOutputs(db, cart.Id).ToListAsync(ct));
            }

            if (cart.Status != CartStatuses.Checkout || db.Entry(session).State == EntityState.Added)
            {
                // Creating: the cart's version guards against a second session created concurrently.
                cart.SetStatus(CartStatuses.Checkout, now);
                CheckoutStore.Guard(db, cart);
            }

            db.Timeline.Add(ActionEntry(action, caller, load.Actor, cart.Id, session.Id, inputs, null));
            try
            {
                await store.SaveAsync(db, new Audit(load.Actor, caller.RequestId, CheckoutActions.ApiName(action)), ct);
                return Result<string>.Success(session.Id);
            }
            catch (DbUpdateException) when (attempt < ConflictRetries)
            {
                // Another request changed the cart first (e.g. created the session): get-or-create again.
            }
        }
    }

    /// <summary>updateCheckoutSessionAction: compare-and-set on State (§5.2).</summary>
    public async Task<Result<string>> UpdateCheckoutSessionAsync(Caller caller, string? checkoutSessionId, string? nextState, string? expCurrentState, CancellationToken ct = default)
    {
        const CheckoutAction action = CheckoutAction.UpdateCheckoutSession;
        var inputs = new Dictionary<string, object?> { ["checkoutSessionId"] = checkoutSessionId, ["nextState"] = nextState, ["expCurrentState"] = expCurrentState };
        await using var db = store.CreateContext();
        var load = await scopes.ForSessionAsync(db, action, caller, checkoutSessionId, ct);
        var error = load.Error ?? await RunAsync(action, load.Scope!, UpdateSession(nextState, expCurrentState), ct);
        if (error is not null)
        {
            return await FailAsync<string>(action, caller, load, inputs, error, ct);
        }

        var (cart, session) = (load.Scope!.Cart, load.Scope.Session!);
        session.RequestNextState(nextState!, store.Now);
        db.Timeline.Add(ActionEntry(action, caller, load.Actor, cart.Id, session.Id, inputs, null));
        try
        {
            await store.SaveAsync(db, new Audit(load.Actor, caller.RequestId, CheckoutActions.ApiName(action)), ct);
            return Result<string>.Success(session.Id);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await CurrentStateAsync(session.Id, ct);
            return await FailAsync<string>(action, caller, load, inputs, Fail(action, ErrorRule.StateConflict,
                $"Expected the checkout session to be in state '{expCurrentState}', but another request changed it first; it is now in '{current}'."), ct);
        }
    }

    /// <summary>cartToOrderAction: start the task that creates the draft order (§5.3).</summary>
    public Task<Result<string>> CartToOrderAsync(Caller caller, string? cartId, bool runAsync = true, CancellationToken ct = default) =>
        StartTaskAsync(CheckoutAction.CartToOrder, caller, cartId, runAsync, StartTask(CheckoutAction.CartToOrder),
            new Dictionary<string, object?> { ["cartId"] = cartId, ["runAsync"] = runAsync }, ct);

    /// <summary>activateOrderAction: start the task that activates the draft order (§5.4).</summary>
    public Task<Result<string>> ActivateOrderAsync(Caller caller, string? cartId, string? orderStatus, bool runAsync = true, CancellationToken ct = default) =>
        StartTaskAsync(CheckoutAction.ActivateOrder, caller, cartId, runAsync, StartTask(CheckoutAction.ActivateOrder, orderStatus),
            new Dictionary<string, object?> { ["cartId"] = cartId, ["orderStatus"] = orderStatus, ["runAsync"] = runAsync }, ct);

    /// <summary>The integration actions of §5.6: start the task of the session's current state.</summary>
    public Task<Result<string>> StartIntegrationTaskAsync(CheckoutAction action, Caller caller, string? cartId, bool runAsync = true, CancellationToken ct = default)
    {
        if (!ErrorCatalog.IntegrationActions.Contains(action))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "Not an integration action.");
        }

        return StartTaskAsync(action, caller, cartId, runAsync, StartTask(action),
            new Dictionary<string, object?> { ["cartId"] = cartId, ["runAsync"] = runAsync }, ct);
    }

    /// <summary>cancelCartAsyncOperation: cancel open operations, archive the session, reopen the cart (§5.5).</summary>
    public async Task<Result<Unit>> CancelCartAsyncOperationAsync(Caller caller, string? cartId, CancellationToken ct = default)
    {
        const CheckoutAction action = CheckoutAction.CancelCartAsyncOperation;
        var inputs = new Dictionary<string, object?> { ["cartId"] = cartId };
        using var turn = await store.TurnAsync(CartScopes.ValidCartId(cartId), ct);
        for (var attempt = 1; ; attempt++)
        {
            await using var db = store.CreateContext();
            var load = await scopes.ForCartAsync(db, action, caller, cartId, ct);
            var error = load.Error ?? await RunAsync(action, load.Scope!, Cancel, ct);
            if (error is not null)
            {
                return await FailAsync<Unit>(action, caller, load, inputs, error, ct);
            }

            var (cart, session) = (load.Scope!.Cart, load.Scope.Session);
            await CheckoutCancellation.ApplyAsync(db, cart, session, store.Now, ct);
            db.Timeline.Add(ActionEntry(action, caller, load.Actor, cart.Id, session?.Id, inputs, null));
            try
            {
                await store.SaveAsync(db, new Audit(load.Actor, caller.RequestId, CheckoutCauses.Canceled), ct);
                return Result<Unit>.Success(Unit.Value);
            }
            catch (DbUpdateConcurrencyException) when (attempt < ConflictRetries)
            {
                // A task finished or another cancel ran meanwhile: cancel again over the new state.
            }
        }
    }

    /// <summary>What the caller can do on the cart now: every action's checks, run as the action runs them, changing nothing.</summary>
    public async Task<CartCapabilities> GetCapabilitiesAsync(Caller caller, string cartId, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        var access = await scopes.AccessAsync(caller);
        var found = await CartScopes.FindCartAsync(db, cartId, ct);
        var scope = found.Cart is null ? null : new CartScope(db, access, found.Cart, found.Session);
        var checks = new Dictionary<CheckoutAction, ActionCheck>();
        foreach (var action in Enum.GetValues<CheckoutAction>())
        {
            checks[action] = new ActionCheck(action, await BlockerAsync(action));
        }

        var nothingToCancel = scope is not null && scope.Session is null && !scope.Cart.IsInCheckout && !await scope.HasOpenOperationAsync(ct)
            ? $"Nothing to cancel: cart {scope.Cart.Id} is {scope.Cart.Status} with no open checkout session and no background operation that is New or Running."
            : null;
        return new CartCapabilities(found.Cart?.Id ?? cartId, checks, new ActionCheck(CheckoutAction.UpdateCheckoutSession, await NextStepBlockerAsync()), nothingToCancel);

        CheckoutError? CallerChecks(CheckoutAction action) =>
            CallerMayInvoke(action, access, caller.UserId) ?? found.ErrorFor(action) ?? CallerMayActOnCart(action, access, scope!.Cart);

        async Task<CheckoutError?> BlockerAsync(CheckoutAction action) => CallerChecks(action) ?? action switch
        {
            CheckoutAction.CheckoutSession => await RunAsync(action, scope!, StartCheckout(null, faults), ct),
            CheckoutAction.UpdateCheckoutSession => await UpdateToNextStateAsync(),
            CheckoutAction.CancelCartAsyncOperation => await RunAsync(action, scope!, Cancel, ct),
            CheckoutAction.CartEdit => await RunAsync(action, scope!, EditLines, ct),
            _ => await RunAsync(action, scope!, StartTask(action), ct),
        };

        async Task<CheckoutError?> UpdateToNextStateAsync() => scope!.Session is not { } session
            ? NoOpenSession(CheckoutAction.UpdateCheckoutSession, scope.Cart.Id)
            : FlowHasNextStep(session.State)
                ?? await RunAsync(CheckoutAction.UpdateCheckoutSession, scope, UpdateSession(CheckoutFlow.NextOf(session.State), session.State), ct);

        // AdvanceAsync's sequence: on a task state, set NextState if it isn't set, then start the task.
        async Task<CheckoutError?> NextStepBlockerAsync()
        {
            var update = checks[CheckoutAction.UpdateCheckoutSession].Blocker;
            if (scope?.Session is not { } session || CheckoutFlow.Step(session.State) is not { IsTask: true } step || update is { Rule: ErrorRule.CannotInvoke or ErrorRule.RecordIdMalformed or ErrorRule.RecordNotFound })
            {
                return update;
            }

            var task = TaskAction(step.TaskType!);
            return (session.NextState is null ? update : null) ?? CallerChecks(task) ?? await RunAsync(task, scope, StartTask(task, requireNextState: false), ct);
        }
    }

    /// <summary>
    /// One step of the flow the way a real checkout flow takes it: on a screen, update the session
    /// to the next state; on a task state, set NextState (if not yet set) and start the state's task
    /// with its action. Every call it makes is an ordinary action, recorded as such.
    /// </summary>
    public async Task<Result<StepResult>> AdvanceAsync(Caller caller, string sessionId, string expectedState, bool runAsync = true, CancellationToken ct = default)
    {
        if (FlowHasNextStep(expectedState) is { } noNext)
        {
            return noNext;
        }

        var step = CheckoutFlow.Step(expectedState)!;
        var session = step.IsTask ? await SessionAsync(sessionId, ct) : null;
        if (!step.IsTask || session?.NextState is null)
        {
            var update = await UpdateCheckoutSessionAsync(caller, sessionId, step.Next, expectedState, ct);
            if (!update.IsSuccess || !step.IsTask || session is null)
            {
                return update.IsSuccess ? Result<StepResult>.Success(new StepResult(CheckoutActions.ApiName(CheckoutAction.UpdateCheckoutSession), update.Value)) : update.Error!;
            }
        }

        var action = TaskAction(step.TaskType!);
        var started = action switch
        {
            CheckoutAction.CartToOrder => await CartToOrderAsync(caller, session!.WebCartId, runAsync, ct),
            CheckoutAction.ActivateOrder => await ActivateOrderAsync(caller, session!.WebCartId, OrderStatuses.Activated, runAsync, ct),
            _ => await StartIntegrationTaskAsync(action, caller, session!.WebCartId, runAsync, ct),
        };
        return started.IsSuccess ? Result<StepResult>.Success(new StepResult(CheckoutActions.ApiName(action), started.Value)) : started.Error!;
    }

    public static CheckoutAction TaskAction(string taskType) => taskType switch
    {
        OperationTypes.CartToOrder => CheckoutAction.CartToOrder,
        OperationTypes.ActivateOrder => CheckoutAction.ActivateOrder,
        _ => CheckoutActions.IntegrationActionForTask(taskType) ?? throw new ArgumentOutOfRangeException(nameof(taskType), taskType, "No action starts this task."),
    };

    private async Task<Result<string>> StartTaskAsync(CheckoutAction action, Caller caller, string? cartId, bool runAsync,
        CartCheck[] checks, IReadOnlyDictionary<string, object?> inputs, CancellationToken ct)
    {
        var taskType = CheckoutActions.Spec(action).TaskType!;
        BackgroundOperation operation;
        TimelineEntry entry;
        await using (var db = store.CreateContext())
        {
            var load = await scopes.ForCartAsync(db, action, caller, cartId, ct);
            var error = load.Error ?? await RunAsync(action, load.Scope!, checks, ct);
            if (error is not null)
            {
                return await FailAsync<string>(action, caller, load, inputs, error, ct);
            }

            var (cart, session, now) = (load.Scope!.Cart, load.Scope.Session!, store.Now);
            operation = BackgroundOperation.Create(store.Ids, taskType, cart.Id, session.Id, now);
            if (!runAsync)
            {
                // Run inline: the operation starts in the same save, with no trip through the queue.
                operation.Start(now);
            }

            db.Operations.Add(operation);
            session.StartTask(operation.Id, now);
            if (OperationTypes.PlacesOrder(taskType))
            {
                cart.SetStatus(CartStatuses.Processing, now);
            }

            CheckoutStore.Guard(db, cart);
            entry = ActionEntry(action, caller, load.Actor, cart.Id, session.Id, inputs, null);
            db.Timeline.Add(entry);
            try
            {
                await store.SaveAsync(db, new Audit(load.Actor, caller.RequestId, CheckoutActions.ApiName(action)), ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return await FailAsync<string>(action, caller, load, inputs,
                    Fail(action, ErrorRule.OperationInProgress, $"Integration Is Already in Progress: another request started a task on cart {cart.Id} first."), ct);
            }
        }

        if (runAsync)
        {
            await queue.EnqueueAsync(operation.Id, ct);
            return Result<string>.Success(operation.Id);
        }

        // SPEC §3: an inline task's outcome is the action's outcome, so a task cancelled while it ran is a failure.
        var outcome = await runner.FinishAsync(operation.Id, taskType, inline: true, ct);
        if (outcome.Error is { } taskError)
        {
            // The caller hears the task's failure: the timeline's record of the call says so too.
            var failure = ErrorCatalog.Error(action, taskError.Rule, taskError.Message);
            await store.RecordOutcomeAsync(entry, failure.Code, failure.HttpStatus, failure.Message, ct);
            return Result<string>.Failure(failure);
        }

        if (outcome.Status == OperationStatuses.Complete)
        {
            return Result<string>.Success(operation.Id);
        }

        var cancelled = Fail(action, ErrorRule.TaskFailed,
            $"The {taskType} task {operation.Id} ended {outcome.Status}, not Complete: it was cancelled while it ran (cancelCartAsyncOperation), so its work was not done.");
        await store.RecordOutcomeAsync(entry, cancelled.Code, cancelled.HttpStatus, cancelled.Message, ct);
        return Result<string>.Failure(cancelled);
    }

    private async Task<string> CurrentStateAsync(string sessionId, CancellationToken ct) => (await SessionAsync(sessionId, ct))?.State ?? "unknown";

    private async Task<CartCheckoutSession?> SessionAsync(string sessionId, CancellationToken ct)
    {
        await using var db = store.CreateContext();
        return await CompiledQueries.For(db).Session(db, sessionId, ct);
    }

    /// <summary>A failed invocation is recorded in the timeline on its own; a successful one with its change.</summary>
    private async Task<Result<T>> FailAsync<T>(CheckoutAction action, Caller caller, ScopeLoad load,
        IReadOnlyDictionary<string, object?> inputs, CheckoutError error, CancellationToken ct)
    {
        await store.RecordAsync(ActionEntry(action, caller, load.Actor, load.CartId, load.SessionId, inputs, error), ct);
        if (error.Rule == ErrorRule.SessionCreationFailed && load.CartId is { } cartId)
        {
            // The injected fault took effect: a fault line after the call, so a recording re-creates it.
            await store.RecordAsync(TimelineEntry.ForFault(store.Now, cartId, null, cartId, FaultNames.FailSessionCreation, null), ct);
        }

        return error;
    }

    private TimelineEntry ActionEntry(CheckoutAction action, Caller caller, string actor, string? cartId, string? sessionId,
        IReadOnlyDictionary<string, object?> inputs, CheckoutError? error) =>
        TimelineEntry.ForAction(store.Now, actor, caller.RequestId, cartId, sessionId, CheckoutActions.ApiName(action),
            TimelineEntry.RecordedInputs(inputs), error?.Code ?? "Success", error?.HttpStatus ?? 200, error?.Message);
}
