using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Serialization;
using CheckoutConsole.Api.Docs;
using CheckoutConsole.Domain.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace CheckoutConsole.Api.Auth;

public sealed record TokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("instance_url")] string InstanceUrl,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("issued_at")] string IssuedAt,
    [property: JsonPropertyName("signature")] string Signature);

public sealed record OAuthError(
    [property: JsonPropertyName("error")] string Error,
    [property: JsonPropertyName("error_description")] string Description);

/// <summary>The form fields of the password grant, for the OpenAPI document.</summary>
public sealed record PasswordGrantForm(
    [property: JsonPropertyName("grant_type")] string GrantType,
    [property: JsonPropertyName("client_id")] string ClientId,
    [property: JsonPropertyName("client_secret")] string ClientSecret,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("password")] string Password);

public sealed record IdentityResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("organization_id")] string OrganizationId,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("display_name")] string DisplayName,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("urls")] IReadOnlyDictionary<string, string> Urls);

/// <summary>GET /services/oauth2/userinfo, the OpenID Connect claims Salesforce answers with.</summary>
public sealed record UserInfoResponse(
    [property: JsonPropertyName("sub")] string Sub,
    [property: JsonPropertyName("user_id")] string UserId,
    [property: JsonPropertyName("organization_id")] string OrganizationId,
    [property: JsonPropertyName("preferred_username")] string PreferredUsername,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("nickname")] string Nickname,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("email_verified")] bool EmailVerified,
    [property: JsonPropertyName("zoneinfo")] string ZoneInfo,
    [property: JsonPropertyName("locale")] string Locale,
    [property: JsonPropertyName("language")] string Language,
    [property: JsonPropertyName("user_type")] string UserType,
    [property: JsonPropertyName("active")] bool Active,
    [property: JsonPropertyName("urls")] IReadOnlyDictionary<string, string> Urls);

/// <summary>OAuth2 as Salesforce clients use it: the username-password grant, token revocation, the identity URL.</summary>
public static class OAuthEndpoints
{
    public static void MapOAuth(this IEndpointRouteBuilder routes)
    {
        var oauth = routes.MapGroup("/services/oauth2").WithTags("OAuth").DisableAntiforgery().AllowAnonymous();
        oauth.MapPost("/token", TokenAsync)
            .WithSummary("Log in with the OAuth2 username-password grant")
            .WithDescription("Form fields grant_type=password, client_id, client_secret, username, password. The demo client is checkout-console / checkout-console-secret.")
            .WithRequestBody<PasswordGrantForm>("application/x-www-form-urlencoded")
            .Produces<TokenResponse>()
            .Produces<OAuthError>(StatusCodes.Status400BadRequest)
            .Produces<OAuthError>(StatusCodes.Status429TooManyRequests);
        oauth.MapPost("/revoke", RevokeAsync)
            .WithSummary("Revoke an access token")
            .WithRequestBody<Dictionary<string, string>>("application/x-www-form-urlencoded")
            .Produces(StatusCodes.Status200OK)
            .Produces<OAuthError>(StatusCodes.Status400BadRequest);

        routes.MapGet("/services/oauth2/userinfo", UserInfo)
            .WithTags("OAuth")
            .WithSummary("OpenID Connect user info: who the token belongs to")
            .AllowAnonymous()
            .AddEndpointFilter<BearerTokenFilter>()
            .Produces<UserInfoResponse>()
            .Produces<SalesforceError[]>(StatusCodes.Status401Unauthorized);

        routes.MapGet("/id/{orgId}/{userId}", Identity)
            .WithTags("OAuth")
            .WithSummary("The identity URL a login returns: who the token belongs to")
            .AllowAnonymous()
            .AddEndpointFilter<BearerTokenFilter>()
            .Produces<IdentityResponse>()
            .Produces<SalesforceError[]>(StatusCodes.Status401Unauthorized)
            .Produces<SalesforceError[]>(StatusCodes.Status404NotFound);
    }

    /// <summary>
    /// The base URL handed to clients: Api:InstanceUrl when set; the URL the client called only when
    /// Api:InstanceUrlFromRequest allows it (behind a proxy that sets the Host); otherwise the
    /// address the server listens on. An arbitrary Host header never decides it.
    /// </summary>
    public static string InstanceUrl(HttpContext context, ApiOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.InstanceUrl))
        {
            return options.InstanceUrl.TrimEnd('/');
        }

        var request = context.Request;
        if (options.InstanceUrlFromRequest)
        {
            return $"{request.Scheme}://{request.Host}{request.PathBase}";
        }

        var listening = context.RequestServices.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses
            .Select(a => Uri.TryCreate(a.Replace("://+", "://localhost").Replace("://*", "://localhost"), UriKind.Absolute, out var uri) ? uri : null)
            .OfType<Uri>()
            .ToList() ?? [];
        var own = listening.FirstOrDefault(u => u.Scheme == request.Scheme && u.Port == (request.Host.Port ?? u.Port)) ?? listening.FirstOrDefault();
        if (own is null)
        {
            return $"{request.Scheme}://localhost{request.PathBase}";
        }

        var host = own.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : own.Host;
        return $"{own.Scheme}://{host}:{own.Port}{request.PathBase}";
    }

    private static async Task<IResult> TokenAsync(HttpContext context, TokenService tokens, SignInService signIn, IOptions<ApiOptions> options)
    {
        context.Response.Headers.CacheControl = "no-store";
        var (form, error) = await ApiBody.ReadFormAsync(context.Request, context.RequestAborted);
        if (error is not null)
        {
            return error;
        }

        var settings = options.Value;
        if (form.GetValueOrDefault("grant_type") != "password")
        {
            return OAuthFailure("unsupported_grant_type", "grant type not supported");
        }

        if (!FixedTimeEquals(form.GetValueOrDefault("client_id"), settings.ClientId)
            || !FixedTimeEquals(form.GetValueOrDefault("client_secret"), settings.ClientSecret))
        {
            return OAuthFailure("invalid_client", "invalid client credentials");
        }

        var attempt = await signIn.SignInAsync(form.GetValueOrDefault("username"), form.GetValueOrDefault("password"),
            context.Connection.RemoteIpAddress?.ToString(), context.RequestAborted);
        switch (attempt.Status)
        {
            case SignInStatus.Throttled or SignInStatus.Busy:
                // Salesforce's OAuth error for too many attempts; 429 and Retry-After say when to come back.
                context.Response.Headers.RetryAfter = attempt.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return Results.Json(new OAuthError("rate_limit_exceeded", attempt.Status == SignInStatus.Busy
                    ? "too many logins are being checked right now; retry shortly"
                    : $"too many failed logins for this username from this client; retry in {attempt.RetryAfterSeconds} s"),
                    ApiJson.Options, statusCode: StatusCodes.Status429TooManyRequests);
            case SignInStatus.WrongCredentials:
                return OAuthFailure("invalid_grant", "authentication failure");
        }

        var user = attempt.User!;
        var (token, grant) = await tokens.IssueAsync(user, context.RequestAborted);
        var instanceUrl = InstanceUrl(context, settings);
        var id = $"{instanceUrl}/id/{ApiOrganization.Id}/{user.Id}";
        var issuedAt = grant.IssuedAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        return Results.Json(new TokenResponse(token, instanceUrl, id, "Bearer", issuedAt, Sign(id + issuedAt, settings.ClientSecret)), ApiJson.Options);
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, TokenService tokens)
    {
        var (form, error) = await ApiBody.ReadFormAsync(context.Request, context.RequestAborted);
        if (error is not null)
        {
            return error;
        }

        var token = form.GetValueOrDefault("token") ?? context.Request.Query["token"].ToString();
        return await tokens.RevokeAsync(token, context.RequestAborted) ? Results.Ok() : OAuthFailure("unsupported_token_type", "this token type is not supported");
    }

    private static IResult Identity(HttpContext context, string orgId, string userId, IOptions<ApiOptions> options)
    {
        var user = context.ApiUser().User;
        if (orgId != ApiOrganization.Id || userId != user.Id)
        {
            return SalesforceErrors.ResourceNotFound("an identity URL shows only the user the token belongs to.");
        }

        var instanceUrl = InstanceUrl(context, options.Value);
        var rest = $"{instanceUrl}/services/data/v{{version}}/";
        return Results.Json(new IdentityResponse($"{instanceUrl}/id/{orgId}/{userId}", user.Id, ApiOrganization.Id, user.Username, user.Name, true,
            new Dictionary<string, string>
            {
                ["rest"] = rest,
                ["sobjects"] = rest + "sobjects/",
                ["query"] = rest + "query/",
                ["custom_domain"] = instanceUrl,
            }), ApiJson.Options);
    }

    private static IResult UserInfo(HttpContext context, IOptions<ApiOptions> options)
    {
        var user = context.ApiUser().User;
        var instanceUrl = InstanceUrl(context, options.Value);
        var identity = $"{instanceUrl}/id/{ApiOrganization.Id}/{user.Id}";
        var rest = $"{instanceUrl}/services/data/v{{version}}/";
        return Results.Json(new UserInfoResponse(identity, user.Id, ApiOrganization.Id, user.Username, user.Name, user.Name, user.Username, true,
            "GMT", "en_US", "en_US", "STANDARD", true,
            new Dictionary<string, string>
            {
                ["rest"] = rest,
                ["sobjects"] = rest + "sobjects/",
                ["query"] = rest + "query/",
                ["profile"] = $"{instanceUrl}/{user.Id}",
                ["custom_domain"] = instanceUrl,
            }), ApiJson.Options);
    }

    private static IResult OAuthFailure(string error, string description) =>
        Results.Json(new OAuthError(error, description), ApiJson.Options, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>Salesforce's login signature: Base64(HMAC-SHA256(id + issued_at)) keyed with the client secret.</summary>
    private static string Sign(string data, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(data)));

    private static bool FixedTimeEquals(string? given, string expected) =>
        given is not null && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
