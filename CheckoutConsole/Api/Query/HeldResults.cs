using CheckoutConsole.Domain.Common;

namespace CheckoutConsole.Api.Query;

/// <summary>
/// Results the API keeps for a caller to read later in pages (query locators, bulk query jobs), each behind
/// a Salesforce-shaped id that only the user it was made for can read. Bounded by count, by the rows held
/// and by age, so nothing a caller sends makes it grow without limit: when full, the least recently used go
/// first; one untouched for <see cref="HeldResultLimits.Lifetime"/> has expired (reading it counts as a touch
/// only when <see cref="HeldResultLimits.SlideOnRead"/>).
/// </summary>
public abstract class HeldResults<T>(TimeProvider clock, HeldResultLimits limits, Func<T, int> rowsOf) where T : class
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Held> _entries = new(StringComparer.Ordinal);
    private int _heldRows;

    private sealed class Held(string userId, T value, DateTimeOffset lastUsed)
    {
        public string UserId { get; } = userId;

        public T Value { get; } = value;

        public DateTimeOffset LastUsed { get; set; } = lastUsed;
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

    /// <summary>Keeps what <paramref name="create"/> makes of a new id, for <paramref name="userId"/> alone.</summary>
    public T Add(string userId, Func<string, T> create)
    {
        var id = Ids.New(limits.KeyPrefix);
        var value = create(id);
        var rows = rowsOf(value);
        lock (_lock)
        {
            RemoveExpired();
            while (_entries.Count > 0 && (_entries.Count >= limits.MaxEntries || _heldRows + rows > limits.MaxHeldRows))
            {
                Remove(_entries.MinBy(e => e.Value.LastUsed).Key);
            }

            _entries[id] = new Held(userId, value, clock.GetUtcNow());
            _heldRows += rows;
        }

        return value;
    }

    /// <summary>What is held under <paramref name="id"/> if it exists, hasn't expired and belongs to <paramref name="userId"/>.</summary>
    public T? Find(string id, string userId)
    {
        lock (_lock)
        {
            RemoveExpired();
            if (!_entries.TryGetValue(id, out var held) || held.UserId != userId)
            {
                return null;
            }

            if (limits.SlideOnRead)
            {
                held.LastUsed = clock.GetUtcNow();
            }

            return held.Value;
        }
    }

    /// <summary>Forgets what is held under <paramref name="id"/> if it belongs to <paramref name="userId"/>.</summary>
    public bool Remove(string id, string userId)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(id, out var held) || held.UserId != userId)
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
        foreach (var (id, held) in _entries)
        {
            if (now - held.LastUsed >= limits.Lifetime)
            {
                Remove(id);
            }
        }
    }

    private void Remove(string id)
    {
        if (_entries.Remove(id, out var held))
        {
            _heldRows -= rowsOf(held.Value);
        }
    }
}

public sealed record HeldResultLimits(string KeyPrefix, int MaxEntries, int MaxHeldRows, TimeSpan Lifetime, bool SlideOnRead);
