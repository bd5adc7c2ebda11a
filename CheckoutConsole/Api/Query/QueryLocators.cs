namespace CheckoutConsole.Api.Query;

/// <summary>
/// The rest of query results that didn't fit on one page, behind a locator (01g…) that only the caller who
/// ran the query can read: at most <see cref="MaxLocators"/> locators and <see cref="MaxHeldRecords"/>
/// records, and one unused for <see cref="Lifetime"/> has expired.
/// </summary>
public sealed class QueryLocators(TimeProvider clock)
    : HeldResults<QueryLocators.Entry>(clock, new("01g", MaxLocators, MaxHeldRecords, Lifetime, SlideOnRead: true), entry => entry.Records.Count)
{
    public const int MaxLocators = 100;
    public const int MaxHeldRecords = 250_000;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public sealed record Entry(string Id, IReadOnlyList<IReadOnlyDictionary<string, object?>> Records, int TotalSize);
}
