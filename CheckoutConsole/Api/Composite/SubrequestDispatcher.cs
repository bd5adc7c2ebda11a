using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Routing.Template;

namespace CheckoutConsole.Api.Composite;

/// <summary>What one subrequest answered: its status, JSON body (Undefined when empty) and headers worth passing on.</summary>
public sealed record SubresponseResult(int Status, JsonElement Body, IReadOnlyDictionary<string, string> Headers);

/// <summary>
/// Runs a subrequest of a composite call through the very endpoint that would answer it on its
/// own (same filters, same token check, same domain service and rules), in process: the
/// composite resources add no second way to read or change anything.
/// </summary>
public sealed class SubrequestDispatcher(EndpointDataSource endpoints, ILogger<SubrequestDispatcher> logger)
{
    /// <summary>Marks a subrequest, so the API usage counts the composite call once.</summary>
    public static readonly object Marker = new();

    private readonly Lazy<List<(RouteEndpoint Endpoint, TemplateMatcher Matcher, IReadOnlyList<string> Methods, int Literals)>> _routes =
        new(() => Routes(endpoints));

    private static List<(RouteEndpoint Endpoint, TemplateMatcher Matcher, IReadOnlyList<string> Methods, int Literals)> Routes(EndpointDataSource source) =>
        source.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/services/data/v{version}", StringComparison.Ordinal) == true)
            .Select(Route)
            .ToList();

    private static (RouteEndpoint, TemplateMatcher, IReadOnlyList<string>, int) Route(RouteEndpoint endpoint)
    {
        var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [];
        var literals = endpoint.RoutePattern.PathSegments.Count(s => s.IsSimple && s.Parts[0].IsLiteral);
        return (endpoint, new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), new RouteValueDictionary()), methods, literals);
    }

    /// <summary>True when some API endpoint answers <paramref name="method"/> on <paramref name="path"/>.</summary>
    public bool Resolves(string method, string path) => Match(method, path) is not null;

    public async Task<SubresponseResult> SendAsync(HttpContext parent, string method, string url, JsonElement? body)
    {
        var queryStart = url.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? url : url[..queryStart];
        var match = Match(method, path);
        if (match is null)
        {
            return Error(StatusCodes.Status404NotFound, SalesforceErrors.NotFound, $"{SalesforceErrors.ResourceMissing}: nothing at {SalesforceErrors.Echo(path, 80)} takes {method}");
        }

        var (endpoint, values) = match.Value;
        var context = new DefaultHttpContext { RequestServices = parent.RequestServices };
        context.Request.Method = method;
        context.Request.Scheme = parent.Request.Scheme;
        context.Request.Host = parent.Request.Host;
        context.Request.PathBase = parent.Request.PathBase;
        context.Request.Path = path;
        context.Request.QueryString = queryStart < 0 ? QueryString.Empty : new QueryString(url[queryStart..]);
        context.Request.Headers.Authorization = parent.Request.Headers.Authorization;
        var bytes = body is { ValueKind: not JsonValueKind.Undefined } json ? Encoding.UTF8.GetBytes(json.GetRawText()) : [];
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = bytes.Length;
        context.Request.Body = new MemoryStream(bytes);
        var response = new MemoryStream();
        context.Response.Body = response;
        context.Items[Marker] = true;
        context.SetEndpoint(endpoint);
        context.Request.RouteValues = values;

        try
        {
            await endpoint.RequestDelegate!(context);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogError(ex, "Unexpected error in subrequest {Method} {Path}", method, path);
            return Error(StatusCodes.Status500InternalServerError, SalesforceErrors.UnknownException,
                $"An unexpected error occurred in the subrequest. Please include this ErrorId if you contact support: {parent.TraceIdentifier}");
        }

        var text = Encoding.UTF8.GetString(response.ToArray());
        var result = default(JsonElement);
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                result = JsonDocument.Parse(text).RootElement.Clone();
            }
            catch (JsonException)
            {
                result = JsonSerializer.SerializeToElement(text);
            }
        }

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.Response.Headers.Location.ToString() is { Length: > 0 } location)
        {
            headers["Location"] = location;
        }

        return new SubresponseResult(context.Response.StatusCode, result, headers);
    }

    public static SubresponseResult Error(int status, string code, string message) =>
        new(status, JsonSerializer.SerializeToElement(new[] { new SalesforceError(message, code) }, ApiJson.Options), new Dictionary<string, string>());

    private (RouteEndpoint Endpoint, RouteValueDictionary Values)? Match(string method, string path)
    {
        (RouteEndpoint Endpoint, RouteValueDictionary Values, int Literals)? best = null;
        foreach (var (endpoint, matcher, methods, literals) in _routes.Value)
        {
            var values = new RouteValueDictionary();
            if (methods.Contains(method, StringComparer.OrdinalIgnoreCase) && matcher.TryMatch(path, values) && (best is null || literals > best.Value.Literals))
            {
                best = (endpoint, values, literals);
            }
        }

        return best is null ? null : (best.Value.Endpoint, best.Value.Values);
    }

}
