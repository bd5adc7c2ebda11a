using System.Globalization;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Services;

namespace CheckoutConsole.Components.Shared.Checkout;

/// <summary>Facts the panels derive from a <see cref="CheckoutView"/>, and the console's display formats.</summary>
public static class CheckoutFacts
{
    private static readonly CultureInfo Money = CultureInfo.GetCultureInfo("en-US");

    public static string FormatMoney(decimal amount) => amount.ToString("C", Money);

    public static string FormatTime(DateTime? at) =>
        at is null ? "—" : at.Value.ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public static string FormatDate(DateTime? at) =>
        at is null ? "—" : at.Value.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>The step whose task failed and put the session in Error (Error itself isn't a step of the flow).</summary>
    public static string? FailedState(CheckoutView view)
    {
        var session = view.CurrentSession;
        if (session is null || !session.IsError)
        {
            return null;
        }

        var failed = view.Operations
            .Where(o => o.CheckoutSessionId == session.Id && o.Status == OperationStatuses.Error)
            .OrderByDescending(o => o.SubmittedAt)
            .FirstOrDefault();
        return failed is null ? null : CheckoutFlow.StepForTask(failed.Type)?.State;
    }

    /// <summary>Complete is reached once the order summary exists (SPEC §3).</summary>
    public static bool IsComplete(CheckoutView view) => view.Summary is not null;

    public static BackgroundOperation? RunningOperation(CheckoutView view) =>
        view.Operations.FirstOrDefault(o => o.IsOpen);

    /// <summary>How the latest checkout ended, in plain words for the viewer (null: it didn't end without an order).</summary>
    public static string? CancellationNotice(CheckoutView view, string? viewerUsername = null)
    {
        if (view.Ending is not { } ending)
        {
            return null;
        }

        var who = ending.Actor is null ? "Someone" : ending.Actor == viewerUsername ? "You" : ending.Actor;
        return ending.Kind switch
        {
            CheckoutEndKind.CartEdited => $"{who} edited the cart ({ending.Edit}) while the checkout was at '{ending.State}'. Editing a cart in checkout cancels the checkout automatically; start checkout again when the cart is ready.",
            CheckoutEndKind.Cancelled => $"{who} cancelled the checkout (cancelCartAsyncOperation) while it was at '{ending.State}'.",
            _ when ending.Cause is null => $"The checkout session (at '{ending.State}') was archived.",
            _ => $"The checkout (at '{ending.State}') ended: {ending.Cause}.",
        };
    }

    /// <summary>An outcome's error code in plain words, for people who don't know Salesforce's codes.</summary>
    public static string PlainWords(ActionOutcome outcome) => outcome.IsSuccess ? "It worked." : outcome.Code switch
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
