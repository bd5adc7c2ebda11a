using CheckoutConsole.Domain.Services;

namespace CheckoutConsole.Components.Pages.Admin;

/// <summary>The admin grid's filters; an empty value means "any".</summary>
public sealed class AdminCheckoutFilter
{
    /// <summary>The state filter's value for rows without an open or archived session.</summary>
    public const string NoSession = "(no session)";

    /// <summary>Part of a cart's name, owner, or cart or session id (what a buyer reports).</summary>
    public string? Text { get; set; }

    public string? Store { get; set; }
    public string? Account { get; set; }
    public string? CartStatus { get; set; }
    public string? State { get; set; }
    public bool? Processing { get; set; }
    public bool? Error { get; set; }

    /// <summary>false (the default) hides archived sessions; true shows only them; null shows both.</summary>
    public bool? Archived { get; set; } = false;

    public int? OlderThanMinutes { get; set; }
    public bool StuckOnly { get; set; }

    public bool IsDefault =>
        Text is null && Store is null && Account is null && CartStatus is null && State is null && Processing is null && Error is null
        && Archived == false && OlderThanMinutes is null && !StuckOnly;

    public IEnumerable<AdminCheckoutRow> Apply(IEnumerable<AdminCheckoutRow> rows, DateTime now, AdminOptions thresholds)
    {
        var stuck = StuckOnly ? AdminQueries.FindStuck(rows, now, thresholds).Select(s => s.Row.Key).ToHashSet() : null;
        return rows.Where(r =>
            (Text is null || Contains(r.CartName) || Contains(r.OwnerName) || Contains(r.CartId) || Contains(r.SessionId))
            && (Store is null || r.StoreName == Store)
            && (Account is null || r.AccountName == Account)
            && (CartStatus is null || r.CartStatus == CartStatus)
            && (State is null || (State == NoSession ? !r.HasSession : r.State == State))
            && (Processing is null || r.IsProcessing == Processing)
            && (Error is null || (r.IsError || r.HasErrors) == Error)
            && (Archived is null || !r.HasSession || r.IsArchived == Archived)
            && (OlderThanMinutes is null || r.Age(now) >= TimeSpan.FromMinutes(OlderThanMinutes.Value))
            && (stuck is null || stuck.Contains(r.Key)));

        bool Contains(string? value) => value is not null && value.Contains(Text.Trim(), StringComparison.OrdinalIgnoreCase);
    }

    public void Reset()
    {
        Text = Store = Account = CartStatus = State = null;
        Processing = Error = null;
        Archived = false;
        OlderThanMinutes = null;
        StuckOnly = false;
    }
}
