using System.Globalization;
using System.Security.Claims;
using CheckoutConsole.Domain.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;

namespace CheckoutConsole.Auth;

/// <summary>Cookie sign-in for the console (the REST API has its own bearer tokens).</summary>
public static class ConsoleAuthentication
{
    public const string AdminPolicy = "Admin";
    public const string PermissionClaim = "checkout:permission";
    public const string DisplayNameClaim = "checkout:name";
    public const string SessionClaim = "checkout:session";

    public static IServiceCollection AddConsoleAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(options =>
            {
                options.LoginPath = "/signin";
                options.AccessDeniedPath = "/not-allowed";
                options.Cookie.Name = "CheckoutConsole.Auth";
                options.Cookie.HttpOnly = true;
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                options.SlidingExpiration = true;
                options.Events.OnValidatePrincipal = ValidateSessionAsync;
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireClaim(PermissionClaim, nameof(UserPermissions.ModifyAllData)));
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        return services;
    }

    public static IEndpointRouteBuilder MapConsoleAuthentication(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/signin", SignInAsync);
        endpoints.MapPost("/account/signout", SignOutAsync);
        return endpoints;
    }

    /// <summary>
    /// A cookie is only as good as its server-side session: signed out, idle too long, the password
    /// changed or the user removed, and the cookie opens nothing any more.
    /// </summary>
    private static async Task ValidateSessionAsync(CookieValidatePrincipalContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SignInSessions>();
        var principal = context.Principal;
        var user = await sessions.ValidateAsync(principal?.FindFirstValue(SessionClaim), principal?.UserId(), context.HttpContext.RequestAborted);
        if (user is null)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }

    private static async Task<IResult> SignInAsync(HttpContext context, SignInService signIn, SignInSessions sessions, IAntiforgery antiforgery)
    {
        if (!context.Request.HasFormContentType)
        {
            return BackToSignIn("form", "", null);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var username = form["username"].ToString().Trim();
        var returnUrl = SafeReturnUrl(form["returnUrl"].ToString());
        var shownName = username.Length > SignInService.MaxUsernameLength ? "" : username;
        if (!await antiforgery.IsRequestValidAsync(context))
        {
            // Login CSRF: a form posted from another site (or a stale page) signs nobody in.
            return BackToSignIn("form", shownName, returnUrl);
        }

        var attempt = await signIn.SignInAsync(username, form["password"].ToString(), context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        switch (attempt.Status)
        {
            case SignInStatus.Throttled or SignInStatus.Busy:
                return BackToSignIn("throttled", shownName, returnUrl, attempt.RetryAfterSeconds);
            case SignInStatus.WrongCredentials:
                return BackToSignIn(username.Length == 0 ? "missing" : "invalid", shownName, returnUrl);
        }

        var session = await sessions.StartAsync(attempt.User!, context.RequestAborted);
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, CreatePrincipal(attempt.User!, session.Id));
        return Results.LocalRedirect(returnUrl ?? HomeOf(attempt.User!));
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, SignInSessions sessions, IAntiforgery antiforgery)
    {
        if (!context.Request.HasFormContentType || !await antiforgery.IsRequestValidAsync(context))
        {
            return Results.LocalRedirect("/");
        }

        await sessions.EndAsync(context.User.FindFirstValue(SessionClaim), context.RequestAborted);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect("/");
    }

    private static IResult BackToSignIn(string error, string username, string? returnUrl, int? retryAfterSeconds = null)
    {
        var query = QueryString.Create(new Dictionary<string, string?>
        {
            ["error"] = error,
            ["username"] = username,
            ["returnUrl"] = returnUrl,
            ["retryAfter"] = retryAfterSeconds?.ToString(CultureInfo.InvariantCulture),
        }.Where(p => p.Value is not null));
        return Results.LocalRedirect("/signin" + query);
    }

    public static ClaimsPrincipal CreatePrincipal(User user, string? sessionId = null)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.Username),
            new(DisplayNameClaim, user.Name),
        };
        if (sessionId is not null)
        {
            claims.Add(new Claim(SessionClaim, sessionId));
        }

        claims.AddRange(Enum.GetValues<UserPermissions>()
            .Where(p => p != UserPermissions.None && user.Permissions.HasFlag(p))
            .Select(p => new Claim(PermissionClaim, p.ToString())));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static string? UserId(this ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.NameIdentifier);

    public static string DisplayName(this ClaimsPrincipal principal) =>
        principal.FindFirstValue(DisplayNameClaim) ?? principal.Identity?.Name ?? "";

    public static bool IsAdmin(this ClaimsPrincipal principal) =>
        principal.HasClaim(PermissionClaim, nameof(UserPermissions.ModifyAllData));

    /// <summary>Where a user lands after signing in when no page asked for it: an admin's home is the admin console.</summary>
    public static string HomeOf(User user) => user.IsAdmin ? "/admin" : "/buyer";

    private static string? SafeReturnUrl(string returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : null;
}
