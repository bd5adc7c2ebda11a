using CheckoutConsole.Domain.Errors;

namespace CheckoutConsole.Domain.Services;

/// <summary>Whether an action would pass its checks now; if not, the very error it would return.</summary>
public sealed record ActionCheck(CheckoutAction Action, CheckoutError? Blocker)
{
    public bool CanRun => Blocker is null;
}

/// <summary>
/// What a caller can do on a cart right now, and if not, why: every action's checks run as the
/// action runs them, without side effects. The consoles enable a button exactly when its check passes.
/// </summary>
/// <param name="NextStep">The flow's next step from the session's state (what <see cref="CheckoutService.AdvanceAsync"/> would run).</param>
/// <param name="NothingToCancel">Why cancelling would change nothing (no open session, no New or Running operation); null when there is something.</param>
public sealed record CartCapabilities(
    string CartId,
    IReadOnlyDictionary<CheckoutAction, ActionCheck> Checks,
    ActionCheck NextStep,
    string? NothingToCancel)
{
    /// <summary>The check of one action; every <see cref="CheckoutAction"/> has one.</summary>
    public ActionCheck For(CheckoutAction action) => Checks[action];

    public bool CanEditLines => For(CheckoutAction.CartEdit).CanRun;

    public string? LineEditBlocker => For(CheckoutAction.CartEdit).Blocker?.Message;

    public bool HasSomethingToCancel => NothingToCancel is null;

    /// <summary>Cancel is offered when the action would pass and would change something.</summary>
    public string? CancelBlocker => For(CheckoutAction.CancelCartAsyncOperation).Blocker?.Message ?? NothingToCancel;
}
