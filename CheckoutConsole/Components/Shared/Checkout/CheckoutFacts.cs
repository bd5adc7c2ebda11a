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

    /// <summary>The order summary's operation when the latest one ended in Error and there is still no summary.</summary>
    public static BackgroundOperation? SummaryFailure(CheckoutView view) =>
        view.Summary is not null
            ? null
            : view.Operations.Where(o => o.Type == OperationTypes.OrderSummary).OrderByDescending(o => o.SubmittedAt).FirstOrDefault() is { Status: OperationStatuses.Error } failed
                ? failed
                : null;

    /// <summary>What a person can expect after an operation ended in Error.</summary>
    public static string WhatHappensNext(BackgroundOperation failed) => failed.Type == OperationTypes.OrderSummary
        ? "The order itself is placed and activated. An admin can retry creating the summary from the admin console; this page updates when it exists."
        : "The checkout stopped in Error: cancel it and start a new checkout, or change the cart (which cancels the checkout).";

    public static string FormatElapsed(TimeSpan elapsed) => elapsed < TimeSpan.Zero ? "0 s"
        : elapsed.TotalSeconds < 10 ? $"{elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s"
        : elapsed.TotalMinutes < 1 ? $"{(int)elapsed.TotalSeconds} s"
        : elapsed.TotalHours < 1 ? $"{(int)elapsed.TotalMinutes} min {elapsed.Seconds} s"
        : $"{(int)elapsed.TotalHours} h {elapsed.Minutes} min";

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
            CheckoutEndKind.Canceled => $"{who} canceled the checkout (cancelCartAsyncOperation) while it was at '{ending.State}'.",
            _ when ending.Cause is null => $"The checkout session (at '{ending.State}') was archived.",
            _ => $"The checkout (at '{ending.State}') ended: {ending.Cause}.",
        };
    }

    /// <summary>An outcome's error code in plain words, for people who don't know Salesforce's codes.</summary>
    public static string PlainWords(ActionOutcome outcome) => outcome.IsSuccess ? "The action was accepted." : outcome.Code switch
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
