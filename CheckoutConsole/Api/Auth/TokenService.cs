using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using CheckoutConsole.Domain.Accounts;
using Microsoft.Extensions.Options;

namespace CheckoutConsole.Api.Auth;

public sealed record AccessGrant(string UserId, string Username, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, string CredentialStamp);

/// <summary>
/// Opaque bearer tokens bound to a user, valid for Api:TokenLifetimeMinutes. Only a hash of each
/// token is kept, in memory: a restart signs everyone out, as a fresh sandbox should.
/// </summary>
public sealed class TokenService(TimeProvider clock, IOptions<ApiOptions> options)
{
    private readonly ConcurrentDictionary<string, AccessGrant> _grants = new(StringComparer.Ordinal);

    public TimeSpan Lifetime => TimeSpan.FromMinutes(Math.Max(1, options.Value.TokenLifetimeMinutes));

    public (string Token, AccessGrant Grant) Issue(User user)
    {
        var now = clock.GetUtcNow();
        RemoveExpired(now);
        var token = ApiOrganization.Id[..15] + "." + Base64Url(RandomNumberGenerator.GetBytes(32));
        var grant = new AccessGrant(user.Id, user.Username, now, now + Lifetime, CredentialCheck.StampOf(user));
        _grants[Hash(token)] = grant;
        return (token, grant);
    }

    /// <summary>The grant behind an Authorization header ("Bearer …", or "OAuth …" as older clients send), if it is still valid.</summary>
    public AccessGrant? Validate(string? authorization)
    {
        var token = TokenFrom(authorization);
        if (token is null || !_grants.TryGetValue(Hash(token), out var grant))
        {
            return null;
        }

        return grant.ExpiresAt > clock.GetUtcNow() ? grant : null;
    }

    public bool Revoke(string? token) => !string.IsNullOrEmpty(token) && _grants.TryRemove(Hash(token), out _);

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

    private void RemoveExpired(DateTimeOffset now)
    {
        foreach (var (key, grant) in _grants)
        {
            if (grant.ExpiresAt <= now)
            {
                _grants.TryRemove(key, out _);
            }
        }
    }

    private static string Hash(string token) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
