using CheckoutConsole.Api.Limits;

namespace CheckoutConsole.Api;

/// <summary>
/// Before routing: a path with doubled slashes is served like the single-slash one (the Salesforce
/// CLI keeps the instance URL with a trailing slash and asks for //services/data/…). Every answer
/// under /services/data carries the Sforce-Limit-Info header.
/// </summary>
public sealed class SalesforcePaths(RequestDelegate next, ApiUsage usage)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path.Value;
        if (path is not null && path.Contains("//", StringComparison.Ordinal))
        {
            var collapsed = new System.Text.StringBuilder(path.Length);
            foreach (var c in path)
            {
                if (c != '/' || collapsed.Length == 0 || collapsed[^1] != '/')
                {
                    collapsed.Append(c);
                }
            }

            context.Request.Path = new PathString(collapsed.ToString());
        }

        if (context.Request.Path.StartsWithSegments("/services/data"))
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[ApiUsage.Header] = usage.HeaderValue;
                return Task.CompletedTask;
            });
        }

        return next(context);
    }
}
