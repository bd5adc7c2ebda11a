using System.Security.Cryptography;
using System.Text;
using CheckoutConsole.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Domain.Accounts;

public enum SignInStatus
{
    SignedIn,
    WrongCredentials,
    Throttled,
    Busy,
}

/// <summary>An attempt's answer; <see cref="RetryAfter"/> says when to try again if it was refused.</summary>
public sealed record SignInResult(SignInStatus Status, User? User, TimeSpan RetryAfter)
{
    public int RetryAfterSeconds => (int)Math.Ceiling(Math.Max(1, RetryAfter.TotalSeconds));
}

/// <summary>
/// The one sign-in rule for the console and the API: throttled per username and client, the
/// password checked by the bounded <see cref="PasswordVerifier"/> (the same work for unknown
/// usernames), the user read from the database itself so a removed user can't sign in.
/// </summary>
public sealed class SignInService(IDbContextFactory<CheckoutDbContext> factory, LoginThrottle throttle, PasswordVerifier verifier)
{
    public const int MaxUsernameLength = 255;

    /// <summary>The client's address, or this for a request that has none (in-process callers).</summary>
    public const string UnknownClient = "local";

    public async Task<SignInResult> SignInAsync(string? username, string? password, string? client, CancellationToken ct = default)
    {
        var name = (username ?? "").Trim();
        if (name.Length == 0 || string.IsNullOrEmpty(password))
        {
            return new SignInResult(SignInStatus.WrongCredentials, null, TimeSpan.Zero);
        }

        // An over-long name can't be a user's; it still costs the same check, under a bounded key.
        var key = name.Length > MaxUsernameLength ? name[..MaxUsernameLength] : name;
        var (decision, result) = await throttle.RunAsync<SignInResult>(key, client ?? UnknownClient, async token =>
        {
            var user = name.Length > MaxUsernameLength ? null : await FindAsync(name, token);
            var verified = await verifier.VerifyAsync(user, password, token);
            return verified switch
            {
                null => (new SignInResult(SignInStatus.Busy, null, TimeSpan.FromSeconds(1)), null),
                true => (new SignInResult(SignInStatus.SignedIn, user, TimeSpan.Zero), true),
                false => (new SignInResult(SignInStatus.WrongCredentials, null, TimeSpan.Zero), false),
            };
        }, ct);

        return decision.Refused ? new SignInResult(SignInStatus.Throttled, null, decision.Wait) : result!;
    }

    private async Task<User?> FindAsync(string username, CancellationToken ct)
    {
        var normalized = username.ToLowerInvariant();
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Username == normalized, ct);
    }
}

/// <summary>
/// Answers whether a sign-in (a console cookie, an API token) still stands: the user must still exist
/// with the credentials it signed in with. Reads the database, not the cached directory, and tells the
/// directory to read again when it finds a user removed or changed.
/// </summary>
public sealed class CredentialCheck(IDbContextFactory<CheckoutDbContext> factory, AccessDirectory directory)
{
    /// <summary>A short fingerprint of the user's credentials; a password change changes it.</summary>
    public static string StampOf(User user) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(user.Id + "\n" + user.PasswordHash)))[..16];

    public async Task<User?> CurrentAsync(string userId, string stamp, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var user = await CompiledQueries.For(db).User(db, userId, ct);
        if (user is not null && StampOf(user) == stamp)
        {
            return user;
        }

        var cached = (await directory.GetAsync()).Users.GetValueOrDefault(userId);
        if (cached is not null && (user is null || StampOf(cached) != StampOf(user)))
        {
            directory.Invalidate();
        }

        return null;
    }
}
