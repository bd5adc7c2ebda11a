using CheckoutConsole.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CheckoutConsole.Domain.Accounts;

/// <summary>A (username, client) pair's recent failed sign-ins as team mode keeps them, in the shared database.</summary>
public sealed class LoginFailureRecord
{
    private LoginFailureRecord() { }

    public string Key { get; private set; } = default!;
    public int Count { get; private set; }
    public DateTime Last { get; private set; }
    public DateTime NextAttemptAt { get; private set; }

    public static LoginFailureRecord Create(string key, LoginFailures failures) => new()
    {
        Key = key,
        Count = failures.Count,
        Last = failures.Last.UtcDateTime,
        NextAttemptAt = failures.NextAttemptAt.UtcDateTime,
    };

    public LoginFailures ToFailures() => new(Count, new DateTimeOffset(Last, TimeSpan.Zero), new DateTimeOffset(NextAttemptAt, TimeSpan.Zero));
}

/// <summary>A console sign-in as team mode keeps it, in the shared database.</summary>
public sealed class ConsoleSessionRecord
{
    private ConsoleSessionRecord() { }

    public string Id { get; private set; } = default!;
    public string UserId { get; private set; } = default!;
    public string CredentialStamp { get; private set; } = default!;
    public DateTime LastSeen { get; private set; }

    public static ConsoleSessionRecord Create(SignInSession session) => new()
    {
        Id = session.Id,
        UserId = session.UserId,
        CredentialStamp = session.CredentialStamp,
        LastSeen = session.LastSeen.UtcDateTime,
    };

    public SignInSession ToSession() => new(Id, UserId, CredentialStamp, new DateTimeOffset(LastSeen, TimeSpan.Zero));
}

/// <summary>
/// Team mode: failure records in the database every instance reads, so a guesser's failures on one
/// instance slow it down on all of them. Bounded like <see cref="InMemoryLoginFailureStore"/>: when
/// full, stale records go first, then those with the fewest failures, newest first.
/// </summary>
public sealed class DatabaseLoginFailureStore(IDbContextFactory<CheckoutDbContext> factory, TimeProvider clock, IOptions<LoginOptions> options) : ILoginFailureStore
{
    public async ValueTask<LoginFailures?> GetAsync(string key, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.LoginFailures.AsNoTracking().FirstOrDefaultAsync(r => r.Key == key, ct))?.ToFailures();
    }

    public async ValueTask SetAsync(string key, LoginFailures failures, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await UpdateAsync(db, key, failures, ct))
        {
            return;
        }

        await MakeRoomAsync(db, ct);
        db.LoginFailures.Add(LoginFailureRecord.Create(key, failures));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another instance recorded the pair's first failure at the same moment: this one overwrites it.
            await using var again = await factory.CreateDbContextAsync(ct);
            await UpdateAsync(again, key, failures, ct);
        }
    }

    public async ValueTask RemoveAsync(string key, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.LoginFailures.Where(r => r.Key == key).ExecuteDeleteAsync(ct);
    }

    private static async Task<bool> UpdateAsync(CheckoutDbContext db, string key, LoginFailures failures, CancellationToken ct)
    {
        var record = LoginFailureRecord.Create(key, failures);
        return await db.LoginFailures.Where(r => r.Key == key).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Count, record.Count)
            .SetProperty(r => r.Last, record.Last)
            .SetProperty(r => r.NextAttemptAt, record.NextAttemptAt), ct) > 0;
    }

    private async Task MakeRoomAsync(CheckoutDbContext db, CancellationToken ct)
    {
        var settings = options.Value;
        var max = Math.Max(1, settings.LoginFailureMaxTracked);
        if (await db.LoginFailures.CountAsync(ct) < max)
        {
            return;
        }

        var staleBefore = (clock.GetUtcNow() - TimeSpan.FromMinutes(Math.Max(1, settings.LoginFailureWindowMinutes))).UtcDateTime;
        await db.LoginFailures.Where(r => r.Last < staleBefore).ExecuteDeleteAsync(ct);
        var excess = await db.LoginFailures.CountAsync(ct) - max + Math.Max(1, max / 10);
        if (excess <= 0)
        {
            return;
        }

        var leastTelling = await db.LoginFailures.OrderBy(r => r.Count).ThenByDescending(r => r.Last).Take(excess).Select(r => r.Key).ToListAsync(ct);
        await db.LoginFailures.Where(r => leastTelling.Contains(r.Key)).ExecuteDeleteAsync(ct);
    }
}

/// <summary>
/// Team mode: console sign-ins in the database, so a cookie works on every instance and signing out
/// (or a password change) on one ends it on all. At most <see cref="SignInSessions.MaxSessions"/>; the
/// longest-idle go first when full.
/// </summary>
public sealed class DatabaseSignInSessionStore(IDbContextFactory<CheckoutDbContext> factory) : ISignInSessionStore
{
    public async ValueTask AddAsync(SignInSession session, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (await db.ConsoleSessions.CountAsync(ct) >= SignInSessions.MaxSessions)
        {
            var idlest = await db.ConsoleSessions.OrderBy(s => s.LastSeen).Take(SignInSessions.MaxSessions / 10).Select(s => s.Id).ToListAsync(ct);
            await db.ConsoleSessions.Where(s => idlest.Contains(s.Id)).ExecuteDeleteAsync(ct);
        }

        db.ConsoleSessions.Add(ConsoleSessionRecord.Create(session));
        await db.SaveChangesAsync(ct);
    }

    public async ValueTask<SignInSession?> FindAsync(string id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return (await db.ConsoleSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, ct))?.ToSession();
    }

    public async ValueTask TouchAsync(string id, DateTimeOffset seen, CancellationToken ct = default)
    {
        var at = seen.UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.ConsoleSessions.Where(s => s.Id == id).ExecuteUpdateAsync(s => s.SetProperty(x => x.LastSeen, at), ct);
    }

    public async ValueTask RemoveAsync(string id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.ConsoleSessions.Where(s => s.Id == id).ExecuteDeleteAsync(ct);
    }

    public async ValueTask RemoveForUserAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.ConsoleSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync(ct);
    }
}
