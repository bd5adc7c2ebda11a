using System.Security.Claims;
using CheckoutConsole.Domain.Accounts;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;

namespace CheckoutConsole.Auth;

/// <summary>
/// An open console page (a Blazor circuit) asks again, every <see cref="Interval"/>, whether its
/// sign-in still stands, by the same rule as each request's cookie check: once the session was
/// signed out (in any tab, on any instance), went idle, or the user's password changed or the user
/// was removed, the page loses its user and sends the browser to the sign-in page.
/// </summary>
public sealed class SessionRevalidation(ILoggerFactory loggerFactory, SignInSessions sessions)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override TimeSpan RevalidationInterval => Interval;

    protected override Task<bool> ValidateAuthenticationStateAsync(AuthenticationState authenticationState, CancellationToken cancellationToken) =>
        StillSignedInAsync(authenticationState.User, cancellationToken);

    /// <summary>Whether <paramref name="user"/>'s sign-in still stands (an anonymous user has nothing to lose).</summary>
    public async Task<bool> StillSignedInAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default) =>
        user.Identity?.IsAuthenticated != true
        || await sessions.ValidateAsync(user.FindFirstValue(ConsoleAuthentication.SessionClaim), user.UserId(), cancellationToken) is not null;
}
