namespace CheckoutConsole.Domain.Common;

public sealed class SalesforceIdGenerator
{
    private const string Base62Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
    private const int TimeWidth = 8;
    private const int CounterWidth = 4;
    private const long CounterSpace = 62L * 62 * 62 * 62;

    private static readonly DateTimeOffset Epoch = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TimeProvider _timeProvider;
    private readonly Lock _lock = new();
    private long _lastMilliseconds = -1;
    private long _lastCounter;

    public SalesforceIdGenerator(TimeProvider? timeProvider = null)
    {
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    public SalesforceId New(string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(keyPrefix);
        if (keyPrefix.Length != 3 || !keyPrefix.All(SalesforceId.IsBase62))
        {
            throw new ArgumentException($"A key prefix is 3 base-62 characters; '{keyPrefix}' is not.", nameof(keyPrefix));
        }

        var (milliseconds, counter) = Next();
        Span<char> id15 = stackalloc char[SalesforceId.ShortLength];
        keyPrefix.CopyTo(id15);
        WriteBase62(milliseconds, id15.Slice(3, TimeWidth));
        WriteBase62(counter, id15.Slice(3 + TimeWidth, CounterWidth));
        return SalesforceId.FromValidId15(new string(id15));
    }

    private (long Milliseconds, long Counter) Next()
    {
        var now = Math.Max(0L, (long)(_timeProvider.GetUtcNow() - Epoch).TotalMilliseconds);
        lock (_lock)
        {
            // The clock may stand still or step back; issuing from the last (ms, counter) keeps ids unique
            // and increasing, and borrowing the next millisecond on counter overflow never reuses a pair.
            if (now > _lastMilliseconds)
            {
                _lastMilliseconds = now;
                _lastCounter = 0;
            }
            else if (++_lastCounter == CounterSpace)
            {
                _lastMilliseconds++;
                _lastCounter = 0;
            }

            return (_lastMilliseconds, _lastCounter);
        }
    }

    private static void WriteBase62(long value, Span<char> destination)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = Base62Alphabet[(int)(value % 62)];
            value /= 62;
        }
    }
}
