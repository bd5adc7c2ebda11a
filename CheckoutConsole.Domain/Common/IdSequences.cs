namespace CheckoutConsole.Domain.Common;

/// <summary>
/// The emulator's id source: one sequence per key prefix, so the same calls on a fresh (or reset)
/// emulator produce the same ids. An id is the prefix, the sequence number in 12 base-62 digits and
/// the checksum, e.g. the first cart is <c>0a6000000000001AAA</c>. Durable mode continues after
/// the highest id of each prefix it finds (<see cref="ContinueAfter"/>). In team mode the numbers
/// come from the shared database (<see cref="ISharedIdNumbers"/>), so two instances never hand
/// out the same id.
/// </summary>
public sealed class IdSequences
{
    private const string Base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int NumberWidth = SalesforceId.ShortLength - 3;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, long> _last = new(StringComparer.Ordinal);
    private readonly ISharedIdNumbers? _shared;

    /// <summary>Sequences of this process alone (InMemory, SQLite, and the records a scenario writes).</summary>
    public IdSequences()
    {
    }

    /// <summary>Team mode: every number comes from <paramref name="shared"/>.</summary>
    public IdSequences(ISharedIdNumbers shared)
    {
        _shared = shared;
    }

    public string Next(string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        if (keyPrefix.Length != 3 || !keyPrefix.All(SalesforceId.IsBase62))
        {
            throw new ArgumentException($"A key prefix is 3 base-62 characters; '{keyPrefix}' is not.", nameof(keyPrefix));
        }

        if (_shared is not null)
        {
            return Format(keyPrefix, _shared.Next(keyPrefix));
        }

        long number;
        lock (_lock)
        {
            number = _last.GetValueOrDefault(keyPrefix) + 1;
            _last[keyPrefix] = number;
        }

        return Format(keyPrefix, number);
    }

    /// <summary>
    /// The world was replaced by records numbered with <paramref name="written"/> (a reset, a scenario):
    /// every sequence continues right after them, here or, in team mode, for every instance.
    /// </summary>
    public Task RestartAfterAsync(IdSequences written, CancellationToken ct = default)
    {
        var last = written.LastNumbers();
        lock (_lock)
        {
            _last.Clear();
            foreach (var (prefix, number) in last)
            {
                _last[prefix] = number;
            }
        }

        return _shared?.RestartAfterAsync(last, ct) ?? Task.CompletedTask;
    }

    /// <summary>
    /// At start-up: every sequence continues after at least the numbers of <paramref name="existing"/>
    /// (the data found and the start scenario written). A shared sequence never goes back.
    /// </summary>
    public Task ContinueAfterAsync(IdSequences existing, CancellationToken ct = default)
    {
        var last = existing.LastNumbers();
        lock (_lock)
        {
            foreach (var (prefix, number) in last)
            {
                if (number > _last.GetValueOrDefault(prefix))
                {
                    _last[prefix] = number;
                }
            }
        }

        return _shared?.RaiseToAsync(last, ct) ?? Task.CompletedTask;
    }

    private Dictionary<string, long> LastNumbers()
    {
        lock (_lock)
        {
            return new Dictionary<string, long>(_last, StringComparer.Ordinal);
        }
    }

    /// <summary>Makes the next id of each prefix follow the highest of these existing ids.</summary>
    public void ContinueAfter(IEnumerable<string> existingIds)
    {
        ArgumentNullException.ThrowIfNull(existingIds);
        lock (_lock)
        {
            foreach (var id in existingIds)
            {
                if (TryReadNumber(id, out var prefix, out var number) && number > _last.GetValueOrDefault(prefix))
                {
                    _last[prefix] = number;
                }
            }
        }
    }

    public static string Format(string keyPrefix, long number)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(number);
        Span<char> id15 = stackalloc char[SalesforceId.ShortLength];
        keyPrefix.CopyTo(id15);
        var value = number;
        for (var i = SalesforceId.ShortLength - 1; i >= 3; i--)
        {
            id15[i] = Base62Alphabet[(int)(value % 62)];
            value /= 62;
        }

        return SalesforceId.FromValidId15(new string(id15)).Value;
    }

    // An id whose 12 digits don't fit a long (no sequence of ours writes one) is ignored.
    /// <summary>The sequence number inside an id of this emulator (<c>0a6000000000003AAA</c> → 3); false for any other id.</summary>
    public static bool TryReadNumber(string? id, out string prefix, out long number)
    {
        prefix = string.Empty;
        number = 0;
        if (!SalesforceId.TryParse(id, out var parsed, out _))
        {
            return false;
        }

        prefix = parsed.KeyPrefix;
        foreach (var c in parsed.Id15.AsSpan(3, NumberWidth))
        {
            var digit = Base62Alphabet.IndexOf(c, StringComparison.Ordinal);
            if (number > (long.MaxValue - digit) / 62)
            {
                return false;
            }

            number = number * 62 + digit;
        }

        return number > 0;
    }
}

/// <summary>Where the numbers of the id sequences live when several console instances share one database.</summary>
public interface ISharedIdNumbers
{
    /// <summary>The next number of <paramref name="keyPrefix"/>'s sequence: never handed out twice, by any instance.</summary>
    long Next(string keyPrefix);

    /// <summary>After the world was replaced: each sequence continues right after <paramref name="last"/> (a prefix not in it starts at 1).</summary>
    Task RestartAfterAsync(IReadOnlyDictionary<string, long> last, CancellationToken ct = default);

    /// <summary>At start-up: each sequence continues after at least <paramref name="last"/>, never lower than it is.</summary>
    Task RaiseToAsync(IReadOnlyDictionary<string, long> last, CancellationToken ct = default);
}
