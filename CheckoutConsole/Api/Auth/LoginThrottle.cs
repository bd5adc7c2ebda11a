using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace CheckoutConsole.Api.Auth;

/// <summary>
/// Slows down password guessing: after a username's first failed login, every login for it waits
/// Api:LoginFailureDelayMs, doubling with each further failure up to Api:LoginFailureMaxDelayMs.
/// A success, or Api:LoginFailureWindowMinutes without failures, clears the count.
/// </summary>
public sealed class LoginThrottle(TimeProvider clock, IOptions<ApiOptions> options)
{
    private const int MaxTracked = 10_000;

    private readonly ConcurrentDictionary<string, Failures> _failures = new(StringComparer.OrdinalIgnoreCase);

    private sealed record Failures(int Count, DateTimeOffset Last);

    public int FailureCount(string username) => Current(username)?.Count ?? 0;

    public TimeSpan DelayFor(string username)
    {
        var failures = Current(username);
        if (failures is null)
        {
            return TimeSpan.Zero;
        }

        var settings = options.Value;
        var delay = Math.Max(0, settings.LoginFailureDelayMs) * Math.Pow(2, Math.Min(failures.Count - 1, 20));
        return TimeSpan.FromMilliseconds(Math.Min(delay, Math.Max(0, settings.LoginFailureMaxDelayMs)));
    }

    public void RecordFailure(string username)
    {
        var now = clock.GetUtcNow();
        if (_failures.Count >= MaxTracked)
        {
            RemoveStale(now);
        }

        _failures.AddOrUpdate(Key(username), _ => new Failures(1, now),
            (_, old) => IsStale(old, now) ? new Failures(1, now) : new Failures(old.Count + 1, now));
    }

    public void RecordSuccess(string username) => _failures.TryRemove(Key(username), out _);

    private Failures? Current(string username) =>
        _failures.TryGetValue(Key(username), out var failures) && !IsStale(failures, clock.GetUtcNow()) ? failures : null;

    private bool IsStale(Failures failures, DateTimeOffset now) =>
        now - failures.Last > TimeSpan.FromMinutes(Math.Max(1, options.Value.LoginFailureWindowMinutes));

    private void RemoveStale(DateTimeOffset now)
    {
        foreach (var (key, failures) in _failures)
        {
            if (IsStale(failures, now))
            {
                _failures.TryRemove(key, out _);
            }
        }

        // Still full: a flood of distinct usernames. Forgetting them is safer than growing without bound.
        if (_failures.Count >= MaxTracked)
        {
            _failures.Clear();
        }
    }

    private static string Key(string username) => username.Trim();
}
