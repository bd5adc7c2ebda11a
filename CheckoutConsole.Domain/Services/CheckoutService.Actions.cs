using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Common;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Orders;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Domain.Services;

public sealed partial class CheckoutService
{
    /// <summary>checkoutSessionAction: get the cart's open session, or create one (§5.1).</summary>
    public async Task<Result<string>> CheckoutSessionAsync(Caller caller, string? cartId, string? initialState = null, CancellationToken ct = default)
    {
        const CheckoutAction action = CheckoutAction.CheckoutSession;
        var inputs = new Dictionary<string, object?> { ["cartId"] = cartId, ["initialState"] = initialState };
        for (var attempt = 1; ; attempt++)
        {
            await using var db = store.CreateContext();
            var (scope, error) = await LoadCartScopeAsync(db, action, caller, cartId, ct);
            if (error is not null)
            {
                return await FinishAsync<string>(action, caller, scope?.User.Username ?? caller.UserId, ValidCartId(cartId), null, inputs, error, ct);
            }

            var (user, cart, session) = scope!;
            error = CheckSessionPreconditions(cart, session, initialState);
            if (error is null && session is null && faults.ShouldFailSessionCreation)
            {
                error = Fail(action, ErrorRule.SessionCreationFailed, "The checkout session couldn't be created: a fault was injected by an admin (fail session creation).");
            }

            if (error is not null)
            {
                return await FinishAsync<string>(action, caller, user.Username, cart.Id, session?.Id, inputs, error, ct);
            }

            var now = store.Now;
            if (session is null)
            {
                session = CartCheckoutSession.Create(cart.Id, string.IsNullOrWhiteSpace(initialState) ? CheckoutFlow.Start : initialState, now);
                db.Sessions.Add(session);
                db.ValidationOutputs.RemoveRange(await CompiledQueries.For(db).ErrorOutputs(db, cart.Id).ToListAsync(ct));
            }

            if (cart.Status != CartStatuses.Checkout || db.Entry(session).State == EntityState.Added)
            {
                // Creating: the cart's version guards against a second session created concurrently.
                cart.SetStatus(CartStatuses.Checkout, now);
                CheckoutStore.Guard(db, cart);
            }

            db.Timeline.Add(ActionEntry(action, caller, user.Username, cart.Id, session.Id, inputs, null));
            try
            {
                await store.SaveAsync(db, new Audit(user.Username, caller.RequestId, "checkoutSessionAction"), ct);
                return Result<string>.Success(session.Id);
            }
            catch (DbUpdateException) when (attempt < ConflictRetries)
            {
                // Another request changed the cart first (e.g. created the session): get-or-create again.
            }
        }

        CheckoutError? CheckSessionPreconditions(WebCart cart, CartCheckoutSession? session, string? state)
        {
            if (cart.Status == CartStatuses.Processing || session?.IsProcessing == true)
            {
                return Fail(action, ErrorRule.CartInProgress,
                    $"Cart Is Already in Progress: cart {cart.Id} is {cart.Status}{(session?.IsProcessing == true ? " and its checkout session is processing" : "")}; expected no task running.");
            }

            if (cart.Status is CartStatuses.Closed or CartStatuses.PendingDelete)
            {
                return Fail(action, ErrorRule.CartClosed, $"Cart {cart.Id} is {cart.Status}; it must be Active or Checkout.");
            }

            if (!string.IsNullOrWhiteSpace(state) && !CheckoutFlow.IsState(state))
            {
                return Fail(action, ErrorRule.InvalidInitialState,
                    $"initialState {Describe(state)} isn't a state of the checkout flow; expected one of {CheckoutFlow.StatesForMessage}.");
            }

            return null;
        }
    }

    /// <summary>updateCheckoutSessionAction: compare-and-set on State (§5.2).</summary>
    public async Task<Result<string>> UpdateCheckoutSessionAsync(Caller caller, string? checkoutSessionId, string? nextState, string? expCurrentState, CancellationToken ct = default)
    {
        const CheckoutAction action = CheckoutAction.UpdateCheckoutSession;
        var inputs = new Dictionary<string, object?> { ["checkoutSessionId"] = checkoutSessionId, ["nextState"] = nextState, ["expCurrentState"] = expCurrentState };
        await using var db = store.CreateContext();

        var (user, error) = await LoadCallerAsync(action, caller);
        if (error is not null)
        {
            return await FinishAsync<string>(action, caller, caller.UserId, null, null, inputs, error, ct);
        }

        if (!SalesforceId.TryParse(checkoutSessionId, KeyPrefixes.CartCheckoutSession, out var sessionId, out var problem))
        {
            return await FinishAsync<string>(action, caller, user!.Username, null, null, inputs,
                Fail(action, ErrorRule.RecordIdMalformed, $"Invalid checkoutSessionId: {problem}."), ct);
        }

        var session = await CompiledQueries.For(db).Session(db, sessionId.Value, ct);
        var cart = session is null ? null : await CompiledQueries.For(db).Cart(db, session.WebCartId, ct);
        if (session is null || cart is null)
        {
            return await FinishAsync<string>(action, caller, user!.Username, null, null, inputs,
                Fail(action, ErrorRule.RecordNotFound, $"Invalid session or inadequate user access: expected an existing checkout session, found no session with id {sessionId}."), ct);
        }

        error = await CheckCartAccessAsync(action, user!, cart) ?? CheckUpdate(cart, session);
        if (error is not null)
        {
            return await FinishAsync<string>(action, caller, user!.Username, cart.Id, session.Id, inputs, error, ct);
        }

        session.RequestNextState(nextState!, store.Now);
        db.Timeline.Add(ActionEntry(action, caller, user!.Username, cart.Id, session.Id, inputs, null));
        try
        {
            await store.SaveAsync(db, new Audit(user.Username, caller.RequestId, "updateCheckoutSessionAction"), ct);
            return Result<string>.Success(session.Id);
        }
        catch (DbUpdateConcurrencyException)
        {
            var current = await CurrentStateAsync(session.Id, ct);
            return await FinishAsync<string>(action, caller, user.Username, cart.Id, session.Id, inputs,
                Fail(action, ErrorRule.StateConflict,
                    $"Expected the checkout session to be in state '{expCurrentState}', but another request changed it first; it is now in '{current}'."), ct);
        }

        CheckoutError? CheckUpdate(WebCart cart, CartCheckoutSession session)
        {
            if (string.IsNullOrWhiteSpace(nextState) || string.IsNullOrWhiteSpace(expCurrentState))
            {
                var missing = string.IsNullOrWhiteSpace(nextState) ? "nextState" : "expCurrentState";
                return Fail(action, ErrorRule.InvalidStateInput, $"Invalid input: {missing} is required; found {Describe(missing == "nextState" ? nextState : expCurrentState)}.");
            }

            if (!CheckoutFlow.IsState(nextState))
            {
                return Fail(action, ErrorRule.InvalidStateInput,
                    $"Invalid input: nextState {Describe(nextState)} isn't a state of the checkout flow; expected one of {CheckoutFlow.StatesForMessage}.");
            }

            if (cart.Status is CartStatuses.Closed or CartStatuses.Processing || session.IsArchived)
            {
                return Fail(action, ErrorRule.SessionNotUpdatable, session.IsArchived
                    ? $"Checkout session {session.Id} is archived; expected an open session."
                    : $"Cart {cart.Id} is {cart.Status}; it must be Active or Checkout to change its checkout session.");
            }

            if (session.IsProcessing)
            {
                return Fail(action, ErrorRule.SessionProcessing,
                    $"Checkout session {session.Id} is processing (a task runs in state '{session.State}'); expected IsProcessing false.");
            }

            if (session.State != expCurrentState)
            {
                return Fail(action, ErrorRule.StateConflict,
                    $"Expected the checkout session to be in state '{expCurrentState}', but it is in '{session.State}'.");
            }

            // In a task state the compare-and-set also covers NextState, so of several callers that
            // expect the same state exactly one wins there too.
            if (CheckoutFlow.IsTaskState(session.State) && session.NextState is not null)
            {
                return Fail(action, ErrorRule.StateConflict,
                    $"Expected the checkout session to be waiting in state '{expCurrentState}', but another request already set its next state to '{session.NextState}'.");
            }

            return null;
        }
    }

    private async Task<string> CurrentStateAsync(string sessionId, CancellationToken ct)
    {
        await using var db = store.CreateContext();
        return await db.Sessions.Where(s => s.Id == sessionId).Select(s => s.State).FirstOrDefaultAsync(ct) ?? "unknown";
    }

    /// <summary>cartToOrderAction: start the task that creates the draft order (§5.3).</summary>
    public Task<Result<string>> CartToOrderAsync(Caller caller, string? cartId, bool runAsync = true, CancellationToken ct = default) =>
        StartTaskAsync(CheckoutAction.CartToOrder, caller, cartId, runAsync,
            new Dictionary<string, object?> { ["cartId"] = cartId, ["runAsync"] = runAsync }, preconditions: null, ct);

    /// <summary>activateOrderAction: start the task that activates the draft order (§5.4).</summary>
    public Task<Result<string>> ActivateOrderAsync(Caller caller, string? cartId, string? orderStatus, bool runAsync = true, CancellationToken ct = default) =>
        StartTaskAsync(CheckoutAction.ActivateOrder, caller, cartId, runAsync,
            new Dictionary<string, object?> { ["cartId"] = cartId, ["orderStatus"] = orderStatus, ["runAsync"] = runAsync },
            preconditions: orderStatus == OrderStatuses.Activated
                ? null
                : Fail(CheckoutAction.ActivateOrder, ErrorRule.InvalidOrderStatus, $"Invalid orderStatus: expected 'Activated', found {Describe(orderStatus)}."),
            ct);

    /// <summary>The integration actions of §5.6: start the task of the session's current state.</summary>
    public Task<Result<string>> StartIntegrationTaskAsync(CheckoutAction action, Caller caller, string? cartId, bool runAsync = true, CancellationToken ct = default)
    {
        if (!ErrorCatalog.IntegrationActions.Contains(action))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "Not an integration action.");
        }

        return StartTaskAsync(action, caller, cartId, runAsync,
            new Dictionary<string, object?> { ["cartId"] = cartId, ["runAsync"] = runAsync }, preconditions: null, ct);
    }

    private async Task<Result<string>> StartTaskAsync(CheckoutAction action, Caller caller, string? cartId, bool runAsync,
        IReadOnlyDictionary<string, object?> inputs, CheckoutError? preconditions, CancellationToken ct)
    {
        var taskType = CheckoutActions.Spec(action).TaskType!;
        var taskState = CheckoutFlow.Steps.First(s => s.TaskType == taskType).State;
        BackgroundOperation operation;
        await using (var db = store.CreateContext())
        {
            var (scope, error) = await LoadCartScopeAsync(db, action, caller, cartId, ct);
            if (error is not null)
            {
                return await FinishAsync<string>(action, caller, caller.UserId, ValidCartId(cartId), null, inputs, error, ct);
            }

            var (user, cart, session) = scope!;
            error = preconditions ?? await CheckTaskPreconditionsAsync(db, action, cart, session, taskState, ct);
            if (error is not null)
            {
                return await FinishAsync<string>(action, caller, user.Username, cart.Id, session?.Id, inputs, error, ct);
            }

            var now = store.Now;
            operation = BackgroundOperation.Create(taskType, cart.Id, session!.Id, now);
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
            db.Timeline.Add(ActionEntry(action, caller, user.Username, cart.Id, session.Id, inputs, null));
            try
            {
                await store.SaveAsync(db, new Audit(user.Username, caller.RequestId, CheckoutActions.ApiName(action)), ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                return await FinishAsync<string>(action, caller, user.Username, cart.Id, session.Id, inputs,
                    Fail(action, ErrorRule.OperationInProgress, $"Integration Is Already in Progress: another request started a task on cart {cart.Id} first."), ct);
            }
        }

        if (runAsync)
        {
            await queue.EnqueueAsync(operation.Id, ct);
            return Result<string>.Success(operation.Id);
        }

        var outcome = await runner.FinishAsync(operation.Id, taskType, inline: true, ct);
        return outcome.Error is null
            ? Result<string>.Success(operation.Id)
            : Result<string>.Failure(ErrorCatalog.Error(action, outcome.Error.Value.Rule, outcome.Error.Value.Message));
    }

    private async Task<CheckoutError?> CheckTaskPreconditionsAsync(CheckoutDbContext db, CheckoutAction action, WebCart cart,
        CartCheckoutSession? session, string taskState, CancellationToken ct)
    {
        if (await HasOpenOperationAsync(db, cart.Id, ct))
        {
            return Fail(action, ErrorRule.OperationInProgress,
                $"Integration Is Already in Progress: cart {cart.Id} has a background operation that is New or Running; expected none.");
        }

        if (cart.Status != CartStatuses.Checkout)
        {
            return Fail(action, ErrorRule.CartNotInCheckout, $"Cart {cart.Id} is {cart.Status}; it must be Checkout.");
        }

        if (action == CheckoutAction.ActivateOrder)
        {
            var errors = await CompiledQueries.For(db).UndismissedErrorCount(db, cart.Id, ct);
            if (errors > 0)
            {
                return Fail(action, ErrorRule.UnresolvedErrors,
                    $"Cart {cart.Id} has {errors} validation output(s) of level Error that aren't dismissed; expected none.");
            }
        }

        if (session is null || session.State != taskState || session.NextState is null)
        {
            var found = session is null ? "no open checkout session"
                : session.State != taskState ? $"the session in state '{session.State}'"
                : $"the session in state '{session.State}' with no NextState (call updateCheckoutSessionAction first)";
            return Fail(action, ErrorRule.SessionNotReady, $"Expected an open checkout session in state '{taskState}' with a NextState; found {found}.");
        }

        if (session.IsProcessing)
        {
            return Fail(action, ErrorRule.SessionProcessing, $"Checkout session {session.Id} is processing; expected IsProcessing false.");
        }

        if (action == CheckoutAction.ActivateOrder)
        {
            var order = session.OrderId is null ? null : await CompiledQueries.For(db).Order(db, session.OrderId, ct);
            if (order is null || order.Status != OrderStatuses.Draft)
            {
                return Fail(action, ErrorRule.OrderNotDraft, order is null
                    ? $"Checkout session {session.Id} has no order; expected a draft order created by cartToOrderAction."
                    : $"Order {order.Id} is {order.Status}; expected Draft.");
            }
        }

        return null;
    }

    /// <summary>cancelCartAsyncOperation: cancel open operations, archive the session, reopen the cart (§5.5).</summary>
    public async Task<Result<Unit>> CancelCartAsyncOperationAsync(Caller caller, string? cartId, CancellationToken ct = default)
    {
        const CheckoutAction action = CheckoutAction.CancelCartAsyncOperation;
        var inputs = new Dictionary<string, object?> { ["cartId"] = cartId };
        for (var attempt = 1; ; attempt++)
        {
            await using var db = store.CreateContext();
            var (scope, error) = await LoadCartScopeAsync(db, action, caller, cartId, ct);
            if (error is null && scope!.Cart.Status == CartStatuses.Closed)
            {
                error = Fail(action, ErrorRule.CartClosed, $"Cancel a Closed Cart: cart {scope.Cart.Id} is Closed; its order was placed and can't be canceled here.");
            }

            if (error is not null)
            {
                return await FinishAsync<Unit>(action, caller, scope?.User.Username ?? caller.UserId, scope?.Cart.Id ?? ValidCartId(cartId), scope?.Session?.Id, inputs, error, ct);
            }

            var (user, cart, session) = scope!;
            await CancelCheckoutAsync(db, cart, session, ct);
            db.Timeline.Add(ActionEntry(action, caller, user.Username, cart.Id, session?.Id, inputs, null));
            try
            {
                await store.SaveAsync(db, new Audit(user.Username, caller.RequestId, "cancelCartAsyncOperation"), ct);
                return Result<Unit>.Success(Unit.Value);
            }
            catch (DbUpdateConcurrencyException) when (attempt < ConflictRetries)
            {
                // A task finished or another cancel ran meanwhile: cancel again over the new state.
            }
        }
    }

    /// <summary>The effect of cancelCartAsyncOperation, shared with auto-cancel on cart edit and the expiry sweeper.</summary>
    private async Task CancelCheckoutAsync(CheckoutDbContext db, WebCart cart, CartCheckoutSession? session, CancellationToken ct)
    {
        var now = store.Now;
        var open = await CompiledQueries.For(db).OpenOperations(db, cart.Id).ToListAsync(ct);
        foreach (var operation in open)
        {
            operation.Cancel(now);
            CheckoutStore.Guard(db, operation);
        }

        if (session is not null)
        {
            session.Archive(now);
            CheckoutStore.Guard(db, session);
        }

        if (cart.Status is CartStatuses.Checkout or CartStatuses.Processing)
        {
            cart.SetStatus(CartStatuses.Active, now);
        }

        CheckoutStore.Guard(db, cart);
    }

    private static string? ValidCartId(string? input) =>
        SalesforceId.TryParse(input, KeyPrefixes.WebCart, out var id, out _) ? id.Value : null;
}
