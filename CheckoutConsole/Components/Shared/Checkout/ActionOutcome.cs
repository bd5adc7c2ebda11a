using CheckoutConsole.Domain.Errors;

namespace CheckoutConsole.Components.Shared.Checkout;

/// <summary>What the last action a page ran returned, for <see cref="LastResultPanel"/>.</summary>
public sealed record ActionOutcome(string Action, bool IsSuccess, string Code, int HttpStatus, string Message, string? Condition, DateTime At)
{
    public static ActionOutcome Success(string action, string message, DateTime at) =>
        new(action, true, "Success", 200, message, null, at);

    public static ActionOutcome Failure(string action, CheckoutError error, DateTime at) =>
        new(action, false, error.Code, error.HttpStatus, error.Message, error.Condition, at);

    /// <summary>The error code in plain words, for people who don't know Salesforce's codes.</summary>
    public string PlainWords => IsSuccess ? "The action was accepted." : Code switch
    {
        "CHECKOUT_CONFLICT" => "The checkout had already moved on: someone else (another tab, browser, the admin or the API) changed it first. The page now shows where it is.",
        "ALREADY_IN_PROCESS" => "A background task for this cart is still running; wait until it finishes.",
        "INVALID_OPERATION" => "That can't be done while the cart or its checkout is in its current status.",
        "INVALID_INPUT" => "The checkout isn't at the point this action expects, or an input was invalid.",
        "BAD_REQUEST" => "This user, account or cart can't do that right now.",
        "INSUFFICIENT_ACCESS_OR_READONLY" => "You can't act on this cart or buy for its account.",
        "UNKNOWN_EXCEPTION" => "The record wasn't found or the platform couldn't complete the action.",
        _ => "The action failed.",
    };
}
