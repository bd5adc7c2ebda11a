using CheckoutConsole.Api.Query;

namespace CheckoutConsole.Api.Bulk;

/// <summary>A Bulk API 2.0 query job: its query ran when it was created; its result waits here as CSV rows.</summary>
public sealed record BulkQueryJob(
    string Id,
    string UserId,
    string Operation,
    string ObjectName,
    string ApiVersion,
    string ColumnDelimiter,
    string LineEnding,
    DateTimeOffset CreatedDate,
    IReadOnlyList<string> Header,
    IReadOnlyList<string?[]> Rows,
    long ProcessingMs);

/// <summary>
/// The query jobs callers created, each readable only by its creator: at most <see cref="MaxJobs"/> jobs
/// and <see cref="MaxHeldRows"/> rows (the oldest go first), each kept for <see cref="Lifetime"/>.
/// </summary>
public sealed class BulkQueryJobs(TimeProvider clock)
    : HeldResults<BulkQueryJob>(clock, new("750", MaxJobs, MaxHeldRows, Lifetime, SlideOnRead: false), job => job.Rows.Count)
{
    public const int MaxJobs = 50;
    public const int MaxHeldRows = 500_000;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
}
