namespace CheckoutConsole.Domain.Common;

/// <summary>
/// One turn at a time per key (e.g. a cart id) within this process: concurrent writers of one record
/// queue instead of racing to a conflict. A key's gate exists only while someone holds or waits for
/// it, so the table never outgrows the requests in flight.
/// </summary>
public sealed class KeyedGate
{
    private readonly Dictionary<string, Entry> _gates = new(StringComparer.Ordinal);

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
        public int Users { get; set; }
    }

    public int Keys
    {
        get
        {
            lock (_gates)
            {
                return _gates.Count;
            }
        }
    }

    public async Task<IDisposable> EnterAsync(string key, CancellationToken ct = default) =>
        (await TryEnterAsync(key, int.MaxValue, ct))!;

    /// <summary>Waits for the key's turn, or answers null at once when <paramref name="maxInLine"/> already hold or wait for it.</summary>
    public async Task<IDisposable?> TryEnterAsync(string key, int maxInLine, CancellationToken ct = default)
    {
        Entry entry;
        lock (_gates)
        {
            if (!_gates.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _gates[key] = entry;
            }
            else if (entry.Users >= maxInLine)
            {
                return null;
            }

            entry.Users++;
        }

        try
        {
            await entry.Gate.WaitAsync(ct);
        }
        catch
        {
            Leave(key, entry, entered: false);
            throw;
        }

        return new Turn(this, key, entry);
    }

    private void Leave(string key, Entry entry, bool entered)
    {
        lock (_gates)
        {
            if (entered)
            {
                entry.Gate.Release();
            }

            if (--entry.Users == 0)
            {
                _gates.Remove(key);
            }
        }
    }

    private sealed class Turn(KeyedGate owner, string key, Entry entry) : IDisposable
    {
        private int _left;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _left, 1) == 0)
            {
                owner.Leave(key, entry, entered: true);
            }
        }
    }
}
