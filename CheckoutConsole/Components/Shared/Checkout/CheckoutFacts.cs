using System.Globalization;
using CheckoutConsole.Domain.Checkout;
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
}
