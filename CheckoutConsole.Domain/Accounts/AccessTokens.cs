using CheckoutConsole.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Domain.Accounts;

/// <summary>An issued API access token, kept as a hash of the token (never the token itself).</summary>
public sealed class AccessToken
{
    private AccessToken() { }

    public string Hash { get; private set; } = default!;
    public string UserId { get; private set; } = default!;
    public string Username { get; private set; } = default!;
    public DateTime IssuedAt { get; private set; }
    public DateTime ExpiresAt { get; private set; }

    /// <summary>The user's credential stamp at login (<see cref="CredentialCheck.StampOf"/>): a password change ends the token.</summary>
    public string CredentialStamp { get; private set; } = default!;

    public static AccessToken Create(string hash, User user, DateTime issuedAt, DateTime expiresAt) => new()
    {
        Hash = hash,
        UserId = user.Id,
        Username = user.Username,
        IssuedAt = issuedAt,
        ExpiresAt = expiresAt,
        CredentialStamp = CredentialCheck.StampOf(user),
    };
}

/// <summary>One ASP.NET Core Data Protection key (XML), so every console instance signs cookies with the same key ring.</summary>
public sealed class KeyRingEntry
{
    private KeyRingEntry() { }

    public int Id { get; private set; }
    public string FriendlyName { get; private set; } = default!;
    public string Xml { get; private set; } = default!;

    public static KeyRingEntry Create(string friendlyName, string xml) => new() { FriendlyName = friendlyName, Xml = xml };
}

/// <summary>
/// Where issued API tokens live: in this process (InMemory and SQLite: a restart signs everyone
/// out, as a fresh sandbox should) or, in team mode, in the database, so a token issued by one
/// instance is accepted, and revoked, on all of them.
/// </summary>
public interface IAccessTokenStore
{
    Task AddAsync(AccessToken token, CancellationToken ct = default);

    /// <summary>The token with this hash if it hasn't expired at <paramref name="now"/>.</summary>
    Task<AccessToken?> FindAsync(string hash, DateTime now, CancellationToken ct = default);

    Task<bool> RemoveAsync(string hash, CancellationToken ct = default);
}

public sealed class InMemoryAccessTokenStore : IAccessTokenStore
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, AccessToken> _tokens = new(StringComparer.Ordinal);

    public Task AddAsync(AccessToken token, CancellationToken ct = default)
    {
        foreach (var (hash, old) in _tokens)
        {
            if (old.ExpiresAt <= token.IssuedAt)
            {
                _tokens.TryRemove(hash, out _);
            }
        }

        _tokens[token.Hash] = token;
        return Task.CompletedTask;
    }

    public Task<AccessToken?> FindAsync(string hash, DateTime now, CancellationToken ct = default) =>
        Task.FromResult(_tokens.TryGetValue(hash, out var token) && token.ExpiresAt > now ? token : null);

    public Task<bool> RemoveAsync(string hash, CancellationToken ct = default) => Task.FromResult(_tokens.TryRemove(hash, out _));
}

public sealed class DatabaseAccessTokenStore(IDbContextFactory<CheckoutDbContext> factory) : IAccessTokenStore
{
    public async Task AddAsync(AccessToken token, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // Expired tokens go as new ones come, so the table holds at most a lifetime's worth of logins.
        await db.AccessTokens.Where(t => t.ExpiresAt <= token.IssuedAt).ExecuteDeleteAsync(ct);
        db.AccessTokens.Add(token);
        await db.SaveChangesAsync(ct);
    }

    public async Task<AccessToken?> FindAsync(string hash, DateTime now, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AccessTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash && t.ExpiresAt > now, ct);
    }

    public async Task<bool> RemoveAsync(string hash, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.AccessTokens.Where(t => t.Hash == hash).ExecuteDeleteAsync(ct) > 0;
    }
}

/// <summary>The Data Protection key ring in the database (team mode). Data Protection calls it synchronously, rarely.</summary>
public sealed class KeyRingStore(IDbContextFactory<CheckoutDbContext> factory)
{
    public IReadOnlyList<string> GetAll()
    {
        using var db = factory.CreateDbContext();
        return [.. db.KeyRing.AsNoTracking().OrderBy(k => k.Id).Select(k => k.Xml)];
    }

    public void Add(string friendlyName, string xml)
    {
        using var db = factory.CreateDbContext();
        db.KeyRing.Add(KeyRingEntry.Create(friendlyName, xml));
        db.SaveChanges();
    }
}
