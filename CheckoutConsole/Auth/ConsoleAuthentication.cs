using System.Security.Claims;
using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Services;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace CheckoutConsole.Auth;

/// <summary>Cookie sign-in for the console (the REST API has its own bearer tokens).</summary>
public static class ConsoleAuthentication
{
    public const string AdminPolicy = "Admin";
    public const string PermissionClaim = "checkout:permission";
    public const string DisplayNameClaim = "checkout:name";

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
            });
        services.AddAuthorizationBuilder()
            .AddPolicy(AdminPolicy, policy => policy.RequireClaim(PermissionClaim, nameof(UserPermissions.ModifyAllData)));
        services.AddCascadingAuthenticationState();
        return services;
    }

    public static IEndpointRouteBuilder MapConsoleAuthentication(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/account/signin", SignInAsync);
        endpoints.MapPost("/account/signout", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/");
        });
        return endpoints;
    }

    private static async Task<IResult> SignInAsync(HttpContext context, CheckoutQueries queries)
    {
        var form = await context.Request.ReadFormAsync();
        var username = form["username"].ToString().Trim();
        var password = form["password"].ToString();
        var requestedUrl = form["returnUrl"].ToString();

        var user = string.IsNullOrEmpty(username) || username.Length > 255 ? null : await queries.FindUserByUsernameAsync(username);
        if (user is null || string.IsNullOrEmpty(password) || !user.VerifyPassword(password))
        {
            var query = QueryString.Create(new Dictionary<string, string?>
            {
                ["error"] = string.IsNullOrEmpty(username) ? "missing" : "invalid",
                ["username"] = username.Length > 255 ? "" : username,
                ["returnUrl"] = SafeReturnUrl(requestedUrl),
            });
            return Results.LocalRedirect("/signin" + query);
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, CreatePrincipal(user));
        return Results.LocalRedirect(SafeReturnUrl(requestedUrl) ?? HomeOf(user));
    }

    public static ClaimsPrincipal CreatePrincipal(User user)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id),
            new(ClaimTypes.Name, user.Username),
            new(DisplayNameClaim, user.Name),
        };
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
