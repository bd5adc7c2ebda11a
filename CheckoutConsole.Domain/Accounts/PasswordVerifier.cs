using Microsoft.Extensions.Options;

namespace CheckoutConsole.Domain.Accounts;

/// <summary>
/// Every password check of the console and the API runs here: at most MaxConcurrent hashes at once
/// (PBKDF2 is deliberately slow, so unbounded guessing would starve every other request), a short
/// bounded line behind them, and the same hash for an unknown username as for a known one, so the
/// answer's timing doesn't tell which usernames exist.
/// </summary>
public sealed class PasswordVerifier : IDisposable
{
    // A hash in the stored format that no password matches: what an unknown username is checked against.
    private static readonly Lazy<string> Decoy = new(() => PasswordHasher.Hash(Guid.NewGuid().ToString("N")));

    private readonly SemaphoreSlim _slots;
    private readonly int _maxWaiting;
    private int _waiting;
    private int _running;
    private int _peak;
    private long _hashes;

    public PasswordVerifier(IOptions<LoginOptions> options)
    {
        var settings = options.Value;
        MaxConcurrent = settings.MaxConcurrentPasswordHashes > 0
            ? Math.Min(settings.MaxConcurrentPasswordHashes, Environment.ProcessorCount)
            : Math.Max(1, Environment.ProcessorCount / 2);
        _maxWaiting = Math.Max(1, settings.MaxWaitingPasswordHashes);
        _slots = new SemaphoreSlim(MaxConcurrent, MaxConcurrent);
    }

    public int MaxConcurrent { get; }

    /// <summary>The most hashes that ran at once since start (a diagnostic the tests read).</summary>
    public int PeakConcurrent => Volatile.Read(ref _peak);

    /// <summary>How many passwords were hashed since start, for known and unknown usernames alike.</summary>
    public long Hashes => Interlocked.Read(ref _hashes);

    /// <summary>True when the password is the user's; false when not, or when there is no such user; null when too many checks are waiting.</summary>
    public async Task<bool?> VerifyAsync(User? user, string password, CancellationToken ct = default)
    {
        if (Interlocked.Increment(ref _waiting) > _maxWaiting)
        {
            Interlocked.Decrement(ref _waiting);
            return null;
        }

        try
        {
            await _slots.WaitAsync(ct);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }

        try
        {
            var running = Interlocked.Increment(ref _running);
            for (var peak = Volatile.Read(ref _peak); running > peak; peak = Volatile.Read(ref _peak))
            {
                Interlocked.CompareExchange(ref _peak, running, peak);
            }

            Interlocked.Increment(ref _hashes);
            var matches = PasswordHasher.Verify(password, user?.PasswordHash ?? Decoy.Value);
            return user is not null && matches;
        }
        finally
        {
            Interlocked.Decrement(ref _running);
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
