using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Orders;
using CheckoutConsole.Domain.Services;

namespace CheckoutConsole.Components.Shared.Checkout;

/// <summary>
/// Why an action can't succeed right now, derived from what the page shows (null: it can be tried).
/// The actions check the same conditions; these reasons only let a button say so before it is clicked.
/// </summary>
public static class CheckoutReasons
{
    public static string? Caller(User user, CheckoutView view)
    {
        if (!user.CanInvokeActions)
        {
            return "Your user has no permission to invoke checkout actions (it needs B2BBuyer).";
        }

        if (!user.ActsOnAnyCart && !user.BuysFor.Contains(view.Cart.AccountId))
        {
            return $"You don't buy for the account {view.Account.Name}.";
        }

        return view.Account.IsValidBuyer ? null : $"The account {view.Account.Name} is {view.Account.BuyerStatus}; it must be Active.";
    }

    /// <summary>checkoutSessionAction.</summary>
    public static string? StartCheckout(User user, CheckoutView view) =>
        Caller(user, view) ?? (view.Cart.Status == CartStatuses.Processing || view.Session?.IsProcessing == true
            ? "The session is processing: a task is running."
            : view.Cart.Status is CartStatuses.Closed or CartStatuses.PendingDelete
                ? $"The cart is {view.Cart.Status}: its order was placed."
                : null);

    /// <summary>updateCheckoutSessionAction to the flow's next state.</summary>
    public static string? UpdateSession(User user, CheckoutView view)
    {
        var session = view.Session;
        return Caller(user, view)
            ?? (session is null ? "There is no open checkout session: start checkout first."
            : view.Cart.Status is CartStatuses.Closed or CartStatuses.Processing ? $"The cart is {view.Cart.Status}."
            : session.IsProcessing ? "The session is processing: a task is running."
            : session.State == CheckoutFlow.Error ? "The session is in Error: the flow has no next step from there."
            : CheckoutFlow.NextOf(session.State) is null ? $"Nothing follows '{session.State}' in the flow."
            : CheckoutFlow.IsTaskState(session.State) && session.NextState is not null
                ? $"NextState is already '{session.NextState}': the {session.State} task has to run next."
            : null);
    }

    /// <summary>cartToOrderAction.</summary>
    public static string? CartToOrder(User user, CheckoutView view) =>
        Caller(user, view) ?? TaskPreconditions(view, CheckoutFlow.CartToOrder);

    /// <summary>activateOrderAction.</summary>
    public static string? ActivateOrder(User user, CheckoutView view) => ActivateOrder(user, view, requireNextState: true);

    private static string? ActivateOrder(User user, CheckoutView view, bool requireNextState)
    {
        var errors = view.ValidationOutputs.Count(o => o.Level == ValidationLevels.Error && !o.IsDismissed);
        return Caller(user, view)
            ?? (errors > 0 ? $"The cart has {errors} unresolved validation output(s) of level Error." : null)
            ?? TaskPreconditions(view, CheckoutFlow.ActivateOrder, requireNextState)
            ?? (view.Order is not { Status: OrderStatuses.Draft } ? "There is no draft order: Cart To Order creates it." : null);
    }

    /// <summary>cancelCartAsyncOperation (it succeeds with nothing to cancel, as real flows rely on).</summary>
    public static string? Cancel(User user, CheckoutView view) =>
        Caller(user, view) ?? (view.Cart.Status == CartStatuses.Closed ? "The cart is Closed: a placed order can't be canceled." : null);

    /// <summary>The flow's next step (CheckoutService.AdvanceAsync) from the session's current state.</summary>
    public static string? NextStep(User user, CheckoutView view)
    {
        var session = view.Session;
        if (session is not null && CheckoutFlow.Step(session.State) is { IsTask: true } step)
        {
            // AdvanceAsync sets NextState itself before it starts the task.
            return step.State == CheckoutFlow.ActivateOrder
                ? ActivateOrder(user, view, requireNextState: false)
                : Caller(user, view) ?? TaskPreconditions(view, step.State, requireNextState: false);
        }

        return UpdateSession(user, view);
    }

    private static string? TaskPreconditions(CheckoutView view, string taskState, bool requireNextState = true)
    {
        var session = view.Session;
        if (view.Operations.Any(o => o.IsOpen))
        {
            return "A background operation of this cart is still running.";
        }

        if (view.Cart.Status != CartStatuses.Checkout)
        {
            return $"Cart isn't in Checkout (it is {view.Cart.Status}).";
        }

        if (session is null)
        {
            return "There is no open checkout session: start checkout first.";
        }

        if (session.State != taskState)
        {
            return $"The session is in '{session.State}'; this needs '{taskState}'.";
        }

        if (session.IsProcessing)
        {
            return "The session is processing: a task is running.";
        }

        return requireNextState && session.NextState is null
            ? "NextState is empty: set it with updateCheckoutSessionAction first."
            : null;
    }

    /// <summary>
    /// When the cart's latest session was archived without placing an order: who ended it and why,
    /// in plain words (a cart edit's auto-cancel, a cancel, expiry), from the timeline.
    /// </summary>
    public static string? CancellationNotice(CheckoutView view, string? viewerUsername = null)
    {
        var session = view.Session is null && view.ArchivedSessions.Count > 0 ? view.ArchivedSessions[0] : null;
        if (session is null || view.Summary is not null || session.State == CheckoutFlow.OrderConfirmation)
        {
            return null;
        }

        var entry = view.Timeline.FirstOrDefault(t => t.SessionId == session.Id && t.ObjectType == nameof(CartCheckoutSession)
            && t.Field == nameof(CartCheckoutSession.IsArchived) && t.After == "true");
        if (entry?.Cause is not { } cause)
        {
            return $"The checkout session (at '{session.State}') was archived.";
        }

        var who = entry.Actor == viewerUsername ? "You" : entry.Actor;
        const string EditPrefix = "cart edited (";
        if (cause.StartsWith(EditPrefix, StringComparison.Ordinal) && cause.Contains("checkout canceled automatically", StringComparison.Ordinal))
        {
            var what = cause[EditPrefix.Length..cause.IndexOf(')', StringComparison.Ordinal)];
            return $"{who} edited the cart ({what}) while the checkout was at '{session.State}'. Editing a cart in checkout cancels the checkout automatically; start checkout again when the cart is ready.";
        }

        return cause == "cancelCartAsyncOperation"
            ? $"{who} canceled the checkout (cancelCartAsyncOperation) while it was at '{session.State}'."
            : $"The checkout (at '{session.State}') ended: {cause}.";
    }
}
