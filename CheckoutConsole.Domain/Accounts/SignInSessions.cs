using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace CheckoutConsole.Domain.Accounts;

/// <summary>One console sign-in, held on the server so that signing out ends it for good.</summary>
public sealed record SignInSession(string Id, string UserId, string CredentialStamp, DateTimeOffset LastSeen);

/// <summary>
/// Where console sign-ins live: in this process by default (a restart signs everyone out, as a fresh
/// sandbox should); a shared database when several console instances must act as one.
/// </summary>
public interface ISignInSessionStore
{
    ValueTask AddAsync(SignInSession session, CancellationToken ct = default);

    ValueTask<SignInSession?> FindAsync(string id, CancellationToken ct = default);

    ValueTask TouchAsync(string id, DateTimeOffset seen, CancellationToken ct = default);

    ValueTask RemoveAsync(string id, CancellationToken ct = default);

    ValueTask RemoveForUserAsync(string userId, CancellationToken ct = default);
}

public sealed class InMemorySignInSessionStore : ISignInSessionStore
{
    private const int MaxSessions = SignInSessions.MaxSessions;

    private readonly ConcurrentDictionary<string, SignInSession> _sessions = new(StringComparer.Ordinal);

    public ValueTask AddAsync(SignInSession session, CancellationToken ct = default)
    {
        if (_sessions.Count >= MaxSessions)
        {
            // Full: the longest-idle sign-ins end first.
            foreach (var old in _sessions.Values.OrderBy(s => s.LastSeen).Take(MaxSessions / 10).ToList())
            {
                _sessions.TryRemove(old.Id, out _);
            }
        }

        _sessions[session.Id] = session;
        return ValueTask.CompletedTask;
    }

    public ValueTask<SignInSession?> FindAsync(string id, CancellationToken ct = default) =>
        ValueTask.FromResult(_sessions.TryGetValue(id, out var session) ? session : null);

    public ValueTask TouchAsync(string id, DateTimeOffset seen, CancellationToken ct = default)
    {
        if (_sessions.TryGetValue(id, out var session))
        {
            _sessions.TryUpdate(id, session with { LastSeen = seen }, session);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveAsync(string id, CancellationToken ct = default)
    {
        _sessions.TryRemove(id, out _);
        return ValueTask.CompletedTask;
    }

    public ValueTask RemoveForUserAsync(string userId, CancellationToken ct = default)
    {
        foreach (var session in _sessions.Values.Where(s => s.UserId == userId).ToList())
        {
            _sessions.TryRemove(session.Id, out _);
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Starts, checks and ends console sign-ins; a session idle longer than ConsoleSessionHours has ended.</summary>
public sealed class SignInSessions(ISignInSessionStore store, CredentialCheck credentials, TimeProvider clock,
    Microsoft.Extensions.Options.IOptions<LoginOptions> options)
{
    /// <summary>At most this many sign-ins are kept; when full, the longest-idle end first.</summary>
    public const int MaxSessions = 100_000;

    private TimeSpan IdleLimit => TimeSpan.FromHours(Math.Max(1, options.Value.ConsoleSessionHours));

    public async Task<SignInSession> StartAsync(User user, CancellationToken ct = default)
    {
        var session = new SignInSession(Convert.ToHexString(RandomNumberGenerator.GetBytes(24)), user.Id, CredentialCheck.StampOf(user), clock.GetUtcNow());
        await store.AddAsync(session, ct);
        return session;
    }

    /// <summary>The session's user as the database has it now, or null when the session has ended (signed out, idle, password changed, user removed).</summary>
    public async Task<User?> ValidateAsync(string? sessionId, string? userId, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(sessionId) || await store.FindAsync(sessionId, ct) is not { } session || session.UserId != userId)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var user = now - session.LastSeen > IdleLimit ? null : await credentials.CurrentAsync(session.UserId, session.CredentialStamp, ct);
        if (user is null)
        {
            await store.RemoveAsync(session.Id, ct);
            return null;
        }

        if (now - session.LastSeen > TimeSpan.FromMinutes(1))
        {
            await store.TouchAsync(session.Id, now, ct);
        }

        return user;
    }

    public ValueTask EndAsync(string? sessionId, CancellationToken ct = default) =>
        string.IsNullOrEmpty(sessionId) ? ValueTask.CompletedTask : store.RemoveAsync(sessionId, ct);

    /// <summary>Ends every console sign-in of the user (after a password change or the user's removal).</summary>
    public ValueTask EndAllAsync(string userId, CancellationToken ct = default) => store.RemoveForUserAsync(userId, ct);
}
