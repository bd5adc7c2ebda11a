using CheckoutConsole.Domain.Access;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Faults;
using CheckoutConsole.Domain.Orders;

namespace CheckoutConsole.Domain.Services;

/// <summary>One named precondition: the catalog error it finds for <c>action</c>, or null when it passes.</summary>
internal delegate ValueTask<CheckoutError?> CartCheck(CheckoutAction action, CartScope scope, CancellationToken ct);

/// <summary>
/// Every precondition of the actions, once: SPEC §4's caller checks, then each action's table as a
/// pipeline of named checks. The actions and <see cref="CheckoutService.GetCapabilitiesAsync"/>
/// run the same pipelines, so a button is enabled exactly when its action would pass.
/// </summary>
internal static class CheckoutChecks
{
    public static CartCheck[] StartCheckout(string? initialState, FaultInjector faults) =>
        [CartNotInProgress, CartNotClosedOrPendingDelete, InitialStateIsOfTheFlow(initialState), SessionCanBeCreated(faults)];

    public static CartCheck[] UpdateSession(string? nextState, string? expCurrentState) =>
        [StateInputsAreValid(nextState, expCurrentState), SessionIsUpdatable, SessionIsNotProcessing, StateIsExpected(expCurrentState)];

    /// <param name="requireNextState">False for the flow's next step, which sets NextState itself before it starts the task.</param>
    public static CartCheck[] StartTask(CheckoutAction action, string? orderStatus = OrderStatuses.Activated, bool requireNextState = true)
    {
        var taskState = CheckoutFlow.StepForTask(CheckoutActions.Spec(action).TaskType!)!.State;
        return action == CheckoutAction.ActivateOrder
            ? [OrderStatusIsActivated(orderStatus), NoOpenOperation, CartIsInCheckout, NoUnresolvedErrors,
                SessionIsReadyFor(taskState, requireNextState), SessionIsNotProcessing, OrderIsDraft]
            : [NoOpenOperation, CartIsInCheckout, SessionIsReadyFor(taskState, requireNextState), SessionIsNotProcessing];
    }

    public static CartCheck[] Cancel { get; } = [CartIsNotClosed];

    public static CartCheck[] EditLines { get; } = [CartIsEditable];

    public static async ValueTask<CheckoutError?> RunAsync(CheckoutAction action, CartScope scope, IEnumerable<CartCheck> checks, CancellationToken ct)
    {
        foreach (var check in checks)
        {
            if (await check(action, scope, ct) is { } error)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>§4 check 1: the caller may invoke actions.</summary>
    public static CheckoutError? CallerMayInvoke(CheckoutAction action, UserAccess access, string callerId) =>
        access.CanInvokeActions ? null : Fail(action, ErrorRule.CannotInvoke,
            $"User {access.User?.Username ?? callerId} can't invoke {CheckoutActions.ApiName(action)}: expected the permission B2BBuyer, B2BCommerceIntegrator or ModifyAllData, found none.");

    /// <summary>§4 checks 4–7: edit the cart, buy for its account, the account is valid and a member of the store.</summary>
    public static CheckoutError? CallerMayActOnCart(CheckoutAction action, UserAccess access, WebCart cart)
    {
        var user = access.User!;
        if (!access.CanEditCart(cart))
        {
            return Fail(action, ErrorRule.CannotEditCart,
                $"User {user.Username} doesn't have access to cart {cart.Id}: expected the owner or a user it is shared with, found neither.");
        }

        var account = access.Account(cart.AccountId);
        if (!access.CanBuyFor(cart.AccountId))
        {
            return Fail(action, ErrorRule.CannotBuyFor,
                $"User {user.Username} can't buy for account {account?.Name ?? cart.AccountId}: it isn't one of the accounts the user buys for.");
        }

        if (account is null || !account.IsValidBuyer)
        {
            return Fail(action, ErrorRule.AccountInvalid,
                $"Account {account?.Name ?? cart.AccountId} of cart {cart.Id} isn't a valid buyer: expected BuyerStatus Active, found {account?.BuyerStatus ?? "no account"}.");
        }

        return access.IsStoreMember(cart.WebStoreId, cart.AccountId) ? null : Fail(action, ErrorRule.NotStoreMember,
            $"Account {account.Name} isn't a member of the store {access.Store(cart.WebStoreId)?.Name ?? cart.WebStoreId}: expected a buyer of that store.");
    }

    /// <summary>The flow's next step needs a state that has one (the buyer console offers only that step).</summary>
    public static CheckoutError? FlowHasNextStep(string? state) =>
        CheckoutFlow.NextOf(state) is not null ? null : Fail(CheckoutAction.UpdateCheckoutSession, ErrorRule.InvalidStateInput,
            $"There is no next step after '{state}'; expected a state of the flow before '{CheckoutFlow.OrderConfirmation}'.");

    public static CheckoutError NoOpenSession(CheckoutAction action, string cartId) => Fail(action, ErrorRule.RecordNotFound,
        $"Cart {cartId} has no open checkout session; expected one (checkoutSessionAction opens it).");

    private static ValueTask<CheckoutError?> CartNotInProgress(CheckoutAction action, CartScope s, CancellationToken ct) =>
        Result(s.Cart.Status == CartStatuses.Processing || s.Session?.IsProcessing == true
            ? Fail(action, ErrorRule.CartInProgress,
                $"Cart Is Already in Progress: cart {s.Cart.Id} is {s.Cart.Status}{(s.Session?.IsProcessing == true ? " and its checkout session is processing" : "")}; expected no task running.")
            : null);

    private static ValueTask<CheckoutError?> CartNotClosedOrPendingDelete(CheckoutAction action, CartScope s, CancellationToken ct) =>
        Result(s.Cart.Status is CartStatuses.Closed or CartStatuses.PendingDelete
            ? Fail(action, ErrorRule.CartClosed, $"Cart {s.Cart.Id} is {s.Cart.Status}; it must be Active or Checkout.")
            : null);

    private static CartCheck InitialStateIsOfTheFlow(string? state) => (action, _, _) =>
        Result(!string.IsNullOrWhiteSpace(state) && !CheckoutFlow.IsState(state)
            ? Fail(action, ErrorRule.InvalidInitialState,
                $"initialState {Describe(state)} isn't a state of the checkout flow; expected one of {CheckoutFlow.StatesForMessage}.")
            : null);

    private static CartCheck SessionCanBeCreated(FaultInjector faults) => (action, s, _) =>
        Result(s.Session is null && faults.ShouldFailSessionCreation
            ? Fail(action, ErrorRule.SessionCreationFailed, "The checkout session couldn't be created: a fault was injected by an admin (fail session creation).")
            : null);

    private static CartCheck StateInputsAreValid(string? nextState, string? expCurrentState) => (action, _, _) =>
    {
        if (string.IsNullOrWhiteSpace(nextState) || string.IsNullOrWhiteSpace(expCurrentState))
        {
            var missing = string.IsNullOrWhiteSpace(nextState) ? "nextState" : "expCurrentState";
            return Result(Fail(action, ErrorRule.InvalidStateInput,
                $"Invalid input: {missing} is required; found {Describe(missing == "nextState" ? nextState : expCurrentState)}."));
        }

        return Result(CheckoutFlow.IsState(nextState) ? null : Fail(action, ErrorRule.InvalidStateInput,
            $"Invalid input: nextState {Describe(nextState)} isn't a state of the checkout flow; expected one of {CheckoutFlow.StatesForMessage}."));
    };

    private static ValueTask<CheckoutError?> SessionIsUpdatable(CheckoutAction action, CartScope s, CancellationToken ct)
    {
        var session = s.Session!;
        return Result(s.Cart.Status is CartStatuses.Closed or CartStatuses.Processing || session.IsArchived
            ? Fail(action, ErrorRule.SessionNotUpdatable, session.IsArchived
                ? $"Checkout session {session.Id} is archived; expected an open session."
                : $"Cart {s.Cart.Id} is {s.Cart.Status}; it must be Active or Checkout to change its checkout session.")
            : null);
    }

    private static ValueTask<CheckoutError?> SessionIsNotProcessing(CheckoutAction action, CartScope s, CancellationToken ct) =>
        Result(s.Session is { IsProcessing: true } session
            ? Fail(action, ErrorRule.SessionProcessing,
                $"Checkout session {session.Id} is processing (a task runs in state '{session.State}'); expected IsProcessing false.")
            : null);

    private static CartCheck StateIsExpected(string? expCurrentState) => (action, s, _) =>
    {
        var session = s.Session!;
        if (session.State != expCurrentState)
        {
            return Result(Fail(action, ErrorRule.StateConflict,
                $"Expected the checkout session to be in state '{expCurrentState}', but it is in '{session.State}'."));
        }

        // In a task state the compare-and-set also covers NextState, so of several callers that
        // expect the same state exactly one wins there too.
        return Result(CheckoutFlow.IsTaskState(session.State) && session.NextState is not null
            ? Fail(action, ErrorRule.StateConflict,
                $"Expected the checkout session to be waiting in state '{expCurrentState}', but another request already set its next state to '{session.NextState}'.")
            : null);
    };

    private static CartCheck OrderStatusIsActivated(string? orderStatus) => (action, _, _) =>
        Result(orderStatus == OrderStatuses.Activated ? null
            : Fail(action, ErrorRule.InvalidOrderStatus, $"Invalid orderStatus: expected 'Activated', found {Describe(orderStatus)}."));

    private static async ValueTask<CheckoutError?> NoOpenOperation(CheckoutAction action, CartScope s, CancellationToken ct) =>
        await s.HasOpenOperationAsync(ct)
            ? Fail(action, ErrorRule.OperationInProgress,
                $"Integration Is Already in Progress: cart {s.Cart.Id} has a background operation that is New or Running; expected none.")
            : null;

    private static ValueTask<CheckoutError?> CartIsInCheckout(CheckoutAction action, CartScope s, CancellationToken ct) =>
        Result(s.Cart.Status == CartStatuses.Checkout ? null
            : Fail(action, ErrorRule.CartNotInCheckout, $"Cart {s.Cart.Id} is {s.Cart.Status}; it must be Checkout."));

    private static async ValueTask<CheckoutError?> NoUnresolvedErrors(CheckoutAction action, CartScope s, CancellationToken ct)
    {
        var errors = await s.UndismissedErrorCountAsync(ct);
        return errors == 0 ? null : Fail(action, ErrorRule.UnresolvedErrors,
            $"Cart {s.Cart.Id} has {errors} validation output(s) of level Error that aren't dismissed; expected none.");
    }

    private static CartCheck SessionIsReadyFor(string taskState, bool requireNextState) => (action, s, _) =>
    {
        var session = s.Session;
        if (session is not null && session.State == taskState && (session.NextState is not null || !requireNextState))
        {
            return Result(null);
        }

        var found = session is null ? "no open checkout session"
            : session.State != taskState ? $"the session in state '{session.State}'"
            : $"the session in state '{session.State}' with no NextState (call updateCheckoutSessionAction first)";
        return Result(Fail(action, ErrorRule.SessionNotReady, $"Expected an open checkout session in state '{taskState}' with a NextState; found {found}."));
    };

    private static async ValueTask<CheckoutError?> OrderIsDraft(CheckoutAction action, CartScope s, CancellationToken ct)
    {
        var order = await s.SessionOrderAsync(ct);
        return order is { Status: OrderStatuses.Draft } ? null : Fail(action, ErrorRule.OrderNotDraft, order is null
            ? $"Checkout session {s.Session!.Id} has no order; expected a draft order created by cartToOrderAction."
            : $"Order {order.Id} is {order.Status}; expected Draft.");
    }

    private static ValueTask<CheckoutError?> CartIsNotClosed(CheckoutAction action, CartScope s, CancellationToken ct) =>
        Result(s.Cart.Status == CartStatuses.Closed
            ? Fail(action, ErrorRule.CartClosed, $"Cancel a Closed Cart: cart {s.Cart.Id} is Closed; its order was placed and can't be canceled here.")
            : null);

    private static ValueTask<CheckoutError?> CartIsEditable(CheckoutAction action, CartScope s, CancellationToken ct) =>
        Result(s.Cart.Status is CartStatuses.Closed or CartStatuses.PendingDelete
            ? Fail(action, ErrorRule.CartClosed, $"Cart {s.Cart.Id} is {s.Cart.Status}; only an Active cart, or one in checkout, can be edited.")
            : null);

    public static CheckoutError Fail(CheckoutAction action, ErrorRule rule, string message) => ErrorCatalog.Error(action, rule, message);

    public static string Describe(string? value)
    {
        if (value is null)
        {
            return "nothing";
        }

        var shown = value.Length > 40 ? value[..40] + "…" : value;
        return $"'{shown}'";
    }

    private static ValueTask<CheckoutError?> Result(CheckoutError? error) => new(error);
}
