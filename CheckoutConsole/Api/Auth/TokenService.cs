using System.Security.Cryptography;
using System.Text;
using CheckoutConsole.Domain.Accounts;
using Microsoft.Extensions.Options;

namespace CheckoutConsole.Api.Auth;

public sealed record AccessGrant(string UserId, string Username, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string CredentialStamp);

/// <summary>
/// Opaque bearer tokens bound to a user, valid for Api:TokenLifetimeMinutes. Only a hash of each
/// token is kept, by the domain's token store: in memory (a restart signs everyone out, as a fresh
/// sandbox should) or, in team mode, in the database that every instance shares.
/// </summary>
public sealed class TokenService(TimeProvider clock, IOptions<ApiOptions> options, IAccessTokenStore store)
{
    public TimeSpan Lifetime => TimeSpan.FromMinutes(Math.Max(1, options.Value.TokenLifetimeMinutes));

    public async Task<(string Token, AccessGrant Grant)> IssueAsync(User user, CancellationToken ct = default)
    {
        var now = clock.GetUtcNow();
        // Shaped like Salesforce's "<org id>!<opaque>": the Salesforce CLI refuses any other shape.
        var token = ApiOrganization.Id[..15] + "!" + Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
        var stored = AccessToken.Create(Hash(token), user, now.UtcDateTime, (now + Lifetime).UtcDateTime);
        await store.AddAsync(stored, ct);
        var grant = new AccessGrant(user.Id, user.Username, now, now + Lifetime, stored.CredentialStamp);
        return (token, grant);
    }

    /// <summary>The grant behind an Authorization header ("Bearer …", or "OAuth …" as older clients send), if it is still valid.</summary>
    public async Task<AccessGrant?> ValidateAsync(string? authorization, CancellationToken ct = default)
    {
        var token = TokenFrom(authorization);
        if (token is null)
        {
            return null;
        }

        var stored = await store.FindAsync(Hash(token), clock.GetUtcNow().UtcDateTime, ct);
        return stored is null
            ? null
            : new AccessGrant(stored.UserId, stored.Username, new DateTimeOffset(stored.IssuedAt, TimeSpan.Zero), new DateTimeOffset(stored.ExpiresAt, TimeSpan.Zero), stored.CredentialStamp);
    }

    public async Task<bool> RevokeAsync(string? token, CancellationToken ct = default) =>
        !string.IsNullOrEmpty(token) && await store.RemoveAsync(Hash(token), ct);

    private static string? TokenFrom(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return null;
        }

        var parts = authorization.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 2 && (parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase) || parts[0].Equals("OAuth", StringComparison.OrdinalIgnoreCase))
            ? parts[1]
            : null;
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
