using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CheckoutConsole.Domain.Accounts;

/// <summary>A (username, client) pair's recent failed sign-ins, and when it may try again.</summary>
public sealed record LoginFailures(int Count, DateTimeOffset Last, DateTimeOffset NextAttemptAt);

/// <summary>
/// Where failure records live: in this process by default; a shared database when several console
/// instances must throttle as one.
/// </summary>
public interface ILoginFailureStore
{
    ValueTask<LoginFailures?> GetAsync(string key, CancellationToken ct = default);

    ValueTask SetAsync(string key, LoginFailures failures, CancellationToken ct = default);

    ValueTask RemoveAsync(string key, CancellationToken ct = default);
}

/// <summary>
/// Failure records in memory, at most LoginFailureMaxTracked of them. When full, stale records go
/// first, then those with the fewest failures, newest first: a flood of one-off failures with made-up
/// usernames pushes out its own records, not a victim's older, longer one.
/// </summary>
public sealed class InMemoryLoginFailureStore(TimeProvider clock, IOptions<LoginOptions> options) : ILoginFailureStore
{
    private readonly ConcurrentDictionary<string, LoginFailures> _records = new(StringComparer.Ordinal);
    private readonly Lock _evicting = new();

    public int Count => _records.Count;

    public ValueTask<LoginFailures?> GetAsync(string key, CancellationToken ct = default) =>
        ValueTask.FromResult(_records.TryGetValue(key, out var failures) ? failures : null);

    public ValueTask SetAsync(string key, LoginFailures failures, CancellationToken ct = default)
    {
        if (!_records.ContainsKey(key) && _records.Count >= Math.Max(1, options.Value.LoginFailureMaxTracked))
        {
            MakeRoom();
        }

        _records[key] = failures;
        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAsync(string key, CancellationToken ct = default)
    {
        _records.TryRemove(key, out _);
        return ValueTask.CompletedTask;
    }

    private void MakeRoom()
    {
        lock (_evicting)
        {
            var settings = options.Value;
            var max = Math.Max(1, settings.LoginFailureMaxTracked);
            if (_records.Count < max)
            {
                return;
            }

            var staleBefore = clock.GetUtcNow() - TimeSpan.FromMinutes(Math.Max(1, settings.LoginFailureWindowMinutes));
            foreach (var (key, failures) in _records)
            {
                if (failures.Last < staleBefore)
                {
                    _records.TryRemove(key, out _);
                }
            }

            var excess = _records.Count - max + Math.Max(1, max / 10);
            if (excess <= 0)
            {
                return;
            }

            foreach (var (key, _) in _records.OrderBy(r => r.Value.Count).ThenByDescending(r => r.Value.Last).Take(excess).ToList())
            {
                _records.TryRemove(key, out _);
            }
        }
    }
}

/// <summary>What the throttle says about an attempt: go ahead (after holding it briefly), or come back later.</summary>
public readonly record struct ThrottleDecision(bool Refused, TimeSpan Wait);

/// <summary>
/// Slows down password guessing, for the console and the API alike. Records are per username and
/// client together, so a guesser's failures don't hold back the real user signing in from elsewhere.
/// After a failure the pair's next attempt waits Api:LoginFailureDelayMs, doubling with each further
/// failure up to Api:LoginFailureMaxDelayMs; a short wait is served by holding the attempt, a longer
/// one is refused with the time to wait. Attempts of one pair take turns, so parallel guesses meet
/// the same waits as sequential ones.
/// </summary>
public sealed class LoginThrottle(ILoginFailureStore store, TimeProvider clock, IOptions<LoginOptions> options)
{
    public const int MaxQueuedPerPair = 8;

    private readonly Common.KeyedGate _turns = new();

    public static string Key(string username, string client) => $"{username.Trim().ToLowerInvariant()}|{client}";

    /// <summary>Runs one attempt of the pair in its turn: <paramref name="attempt"/> answers whether the credentials were right (null: not checked).</summary>
    public async Task<(ThrottleDecision Decision, T? Result)> RunAsync<T>(string username, string client,
        Func<CancellationToken, Task<(T Result, bool? Succeeded)>> attempt, CancellationToken ct = default)
    {
        var key = Key(username, client);
        using var turn = await _turns.TryEnterAsync(key, MaxQueuedPerPair, ct);
        if (turn is null)
        {
            return (new ThrottleDecision(true, await WaitForAsync(key, ct) is { } w && w > TimeSpan.Zero ? w : TimeSpan.FromSeconds(1)), default);
        }

        var wait = await WaitForAsync(key, ct) ?? TimeSpan.Zero;
        if (wait > TimeSpan.FromMilliseconds(Math.Max(0, options.Value.LoginMaxHeldMs)))
        {
            return (new ThrottleDecision(true, wait), default);
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, ct);
        }

        var (result, succeeded) = await attempt(ct);
        if (succeeded == true)
        {
            await store.RemoveAsync(key, ct);
        }
        else if (succeeded == false)
        {
            await RecordFailureAsync(key, ct);
        }

        return (new ThrottleDecision(false, wait), result);
    }

    /// <summary>The pair's failures that still count (0 when none).</summary>
    public async Task<int> FailureCountAsync(string username, string client, CancellationToken ct = default) =>
        await CurrentAsync(Key(username, client), ct) is { } failures ? failures.Count : 0;

    /// <summary>How long the pair's next attempt must wait (zero when it may go now).</summary>
    public async Task<TimeSpan> DelayForAsync(string username, string client, CancellationToken ct = default) =>
        await WaitForAsync(Key(username, client), ct) ?? TimeSpan.Zero;

    private async Task<TimeSpan?> WaitForAsync(string key, CancellationToken ct)
    {
        var failures = await CurrentAsync(key, ct);
        if (failures is null)
        {
            return null;
        }

        var wait = failures.NextAttemptAt - clock.GetUtcNow();
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private async Task<LoginFailures?> CurrentAsync(string key, CancellationToken ct)
    {
        var failures = await store.GetAsync(key, ct);
        return failures is not null && !IsStale(failures) ? failures : null;
    }

    private async Task RecordFailureAsync(string key, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var count = (await CurrentAsync(key, ct))?.Count + 1 ?? 1;
        var settings = options.Value;
        var delay = Math.Min(Math.Max(0, settings.LoginFailureDelayMs) * Math.Pow(2, Math.Min(count - 1, 20)), Math.Max(0, settings.LoginFailureMaxDelayMs));
        await store.SetAsync(key, new LoginFailures(count, now, now + TimeSpan.FromMilliseconds(delay)), ct);
    }

    private bool IsStale(LoginFailures failures) =>
        clock.GetUtcNow() - failures.Last > TimeSpan.FromMinutes(Math.Max(1, options.Value.LoginFailureWindowMinutes));
}
