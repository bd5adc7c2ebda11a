using System.Security.Cryptography;
using CheckoutConsole.Domain.Common;

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
/// The query jobs callers created, each readable only by its creator. Bounded: at most
/// <see cref="MaxJobs"/> jobs and <see cref="MaxHeldRows"/> rows (the oldest go first), each kept
/// for <see cref="Lifetime"/>.
/// </summary>
public sealed class BulkQueryJobs(TimeProvider clock)
{
    public const int MaxJobs = 50;
    public const int MaxHeldRows = 500_000;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, BulkQueryJob> _jobs = new(StringComparer.Ordinal);
    private int _held;

    public static string NewId()
    {
        var id15 = "750" + new string(RandomNumberGenerator.GetItems<char>(Alphabet, 12));
        return id15 + SalesforceId.Checksum(id15);
    }

    public void Add(BulkQueryJob job)
    {
        lock (_lock)
        {
            RemoveExpired();
            while (_jobs.Count > 0 && (_jobs.Count >= MaxJobs || _held + job.Rows.Count > MaxHeldRows))
            {
                Remove(_jobs.MinBy(j => j.Value.CreatedDate).Key);
            }

            _jobs[job.Id] = job;
            _held += job.Rows.Count;
        }
    }

    public BulkQueryJob? Find(string id, string userId)
    {
        lock (_lock)
        {
            RemoveExpired();
            return _jobs.TryGetValue(id, out var job) && job.UserId == userId ? job : null;
        }
    }

    public bool Delete(string id, string userId)
    {
        lock (_lock)
        {
            if (!_jobs.TryGetValue(id, out var job) || job.UserId != userId)
            {
                return false;
            }

            Remove(id);
            return true;
        }
    }

    private void RemoveExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, job) in _jobs)
        {
            if (now - job.CreatedDate >= Lifetime)
            {
                Remove(id);
            }
        }
    }

    private void Remove(string id)
    {
        if (_jobs.Remove(id, out var job))
        {
            _held -= job.Rows.Count;
        }
    }
}
