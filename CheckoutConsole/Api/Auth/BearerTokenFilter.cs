using CheckoutConsole.Api.Limits;
using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Services;

namespace CheckoutConsole.Api.Auth;

/// <summary>
/// The API's own authentication: a valid bearer token from /services/oauth2/token, checked on
/// every endpoint of the group, independent of the console's cookie sign-in. Then the version.
/// </summary>
public sealed class BearerTokenFilter(TokenService tokens, CredentialCheck credentials, ApiUsage usage) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var grant = await tokens.ValidateAsync(http.Request.Headers.Authorization, http.RequestAborted);
        // The user as the database has it now: a removed user, or one whose password changed, is signed out.
        var user = grant is null ? null : await credentials.CurrentAsync(grant.UserId, grant.CredentialStamp, http.RequestAborted);
        if (user is null)
        {
            return SalesforceErrors.InvalidSession();
        }

        http.Items[typeof(ApiUser)] = new ApiUser(user);
        if (!http.Items.ContainsKey(Composite.SubrequestDispatcher.Marker))
        {
            usage.RecordRequest();
        }
        if (http.GetRouteValue("version") is string version && !ApiVersions.IsSupported(version))
        {
            return SalesforceErrors.ResourceNotFound(
                $"API version {version} isn't supported; use one of {ApiVersions.All.First()} to {ApiVersions.All.Last()} (e.g. /services/data/v{ApiVersions.Default}/).");
        }

        return await next(context);
    }
}

/// <summary>The user a request's token belongs to.</summary>
public sealed record ApiUser(User User)
{
    public Caller NewCaller() => Caller.For(User.Id);
}

public static class ApiUserHttpContextExtensions
{
    public static ApiUser ApiUser(this HttpContext context) =>
        context.Items[typeof(ApiUser)] as ApiUser
        ?? throw new InvalidOperationException("The endpoint runs without the bearer token filter.");
}
