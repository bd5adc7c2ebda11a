using System.Security.Cryptography;
using CheckoutConsole.Domain.Common;

namespace CheckoutConsole.Api.Query;

/// <summary>
/// The rest of query results that didn't fit on one page, behind a locator (01g…) that only the
/// caller who ran the query can read. Bounded by count, by the records held and by age: the oldest
/// locators go first, and one unused for <see cref="Lifetime"/> has expired.
/// </summary>
public sealed class QueryLocators(TimeProvider clock)
{
    public const int MaxLocators = 100;
    public const int MaxHeldRecords = 250_000;
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private const string KeyPrefix = "01g";
    private const string Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private int _held;

    public sealed record Entry(string UserId, IReadOnlyList<IReadOnlyDictionary<string, object?>> Records, int TotalSize)
    {
        public DateTimeOffset LastUsed { get; set; }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public string Store(string userId, IReadOnlyList<IReadOnlyDictionary<string, object?>> records, int totalSize)
    {
        var id15 = KeyPrefix + new string(RandomNumberGenerator.GetItems<char>(Alphabet, 12));
        var id = id15 + SalesforceId.Checksum(id15);
        lock (_lock)
        {
            RemoveExpired();
            while (_entries.Count > 0 && (_entries.Count >= MaxLocators || _held + records.Count > MaxHeldRecords))
            {
                Remove(_entries.MinBy(e => e.Value.LastUsed).Key);
            }

            _entries[id] = new Entry(userId, records, totalSize) { LastUsed = clock.GetUtcNow() };
            _held += records.Count;
        }

        return id;
    }

    /// <summary>The entry behind a locator if it exists, hasn't expired and belongs to <paramref name="userId"/>.</summary>
    public Entry? Find(string id, string userId)
    {
        lock (_lock)
        {
            RemoveExpired();
            if (!_entries.TryGetValue(id, out var entry) || entry.UserId != userId)
            {
                return null;
            }

            entry.LastUsed = clock.GetUtcNow();
            return entry;
        }
    }

    public void Release(string id)
    {
        lock (_lock)
        {
            Remove(id);
        }
    }

    private void RemoveExpired()
    {
        var now = clock.GetUtcNow();
        foreach (var (id, entry) in _entries)
        {
            if (now - entry.LastUsed >= Lifetime)
            {
                Remove(id);
            }
        }
    }

    private void Remove(string id)
    {
        if (_entries.Remove(id, out var entry))
        {
            _held -= entry.Records.Count;
        }
    }
}
