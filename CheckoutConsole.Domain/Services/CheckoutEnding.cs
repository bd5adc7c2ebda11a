using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Timeline;

namespace CheckoutConsole.Domain.Services;

public enum CheckoutEndKind
{
    CartEdited,
    Canceled,
    Expired,
    Other,
}

/// <summary>How a checkout that placed no order ended: who ended it, in which state, and why (as data; the consoles word it).</summary>
/// <param name="Edit">For <see cref="CheckoutEndKind.CartEdited"/>: what the edit was ("item added", "quantity changed", …).</param>
/// <param name="Cause">The timeline's cause as recorded, for <see cref="CheckoutEndKind.Other"/>.</param>
public sealed record CheckoutEnding(CheckoutEndKind Kind, string? Actor, string State, string? Edit, string? Cause);

/// <summary>The causes the domain writes into the timeline when it ends a checkout, and how to read them back.</summary>
public static class CheckoutCauses
{
    public const string Canceled = "cancelCartAsyncOperation";
    private const string EditPrefix = "cart edited (";
    private const string AutoCancelSuffix = "): checkout canceled automatically";
    private const string ExpiredPrefix = "checkout expired after ";

    public static string CartEdited(string what, bool canceledCheckout) =>
        EditPrefix + what + (canceledCheckout ? AutoCancelSuffix : ")");

    public static string Expired(int minutes) => $"{ExpiredPrefix}{minutes} minutes (store CheckoutTimeToLive)";

    /// <summary>The ending of <paramref name="session"/>, read from the timeline entry that archived it; null when it placed an order or is still open.</summary>
    public static CheckoutEnding? EndingOf(CartCheckoutSession session, bool placedOrder, IEnumerable<TimelineEntry> timeline)
    {
        if (!session.IsArchived || placedOrder || session.State == CheckoutFlow.OrderConfirmation)
        {
            return null;
        }

        var entry = timeline.FirstOrDefault(t => t.SessionId == session.Id && t.ObjectType == nameof(CartCheckoutSession)
            && t.Field == nameof(CartCheckoutSession.IsArchived) && t.After == "true");
        var cause = entry?.Cause;
        if (cause is not null && cause.StartsWith(EditPrefix, StringComparison.Ordinal) && cause.EndsWith(AutoCancelSuffix, StringComparison.Ordinal))
        {
            return new CheckoutEnding(CheckoutEndKind.CartEdited, entry!.Actor, session.State, cause[EditPrefix.Length..^AutoCancelSuffix.Length], cause);
        }

        var kind = cause == Canceled ? CheckoutEndKind.Canceled
            : cause?.StartsWith(ExpiredPrefix, StringComparison.Ordinal) == true ? CheckoutEndKind.Expired
            : CheckoutEndKind.Other;
        return new CheckoutEnding(kind, entry?.Actor, session.State, null, cause);
    }
}
