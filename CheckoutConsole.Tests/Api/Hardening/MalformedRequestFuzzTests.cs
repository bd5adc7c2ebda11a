using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Timeline;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CheckoutConsole.Tests.Api.Hardening;

/// <summary>
/// #14's fuzz test (under a minute: about 56 s with the whole suite running beside it on two loaded cores): a couple of thousand generated malformed requests (fixed seed) across every endpoint the
/// app maps under /services, /id, /account and /emulator. None may answer 500 except an action's
/// documented UNKNOWN_EXCEPTION row, none may show internal details, and no table (the timeline aside,
/// where rejected action calls are recorded) may change.
/// </summary>
public sealed partial class MalformedRequestFuzzTests(ITestOutputHelper output)
{
    private const int Requests = 2_000;
    private const int Seed = 14;

    [Fact]
    public async Task Endpoints_ThousandsOfMalformedRequests_No500OutsideTheDocumentedRowsNoInternalsNoChange()
    {
        await using var factory = new ApiFactory();
        await factory.InitializeAsync();
        var tokens = new[] { DemoData.Alice, DemoData.Admin, DemoData.Dave }
            .Select(u => factory.LoginAsync(u).Result.Token).ToArray();
        var routes = Routes(factory);
        var before = await SnapshotAsync(factory);
        var random = new Random(Seed);
        var requests = Enumerable.Range(0, Requests).Select(_ => Generate(random, routes, factory.Demo, tokens)).ToList();
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();
        var watch = Stopwatch.StartNew();

        foreach (var batch in requests.Chunk(16))
        {
            var answers = await Task.WhenAll(batch.Select(r => SendAsync(factory, r)));
            foreach (var (request, (status, body)) in batch.Zip(answers))
            {
                statuses[status] = statuses.GetValueOrDefault(status) + 1;
                if (status >= 500 && !(status == 500 && IsDocumentedUnknownException(request, body)))
                {
                    failures.Add($"{status} for {request}: {Shorten(body)}");
                }

                if (InternalDetail().IsMatch(body))
                {
                    failures.Add($"internal details for {request}: {Shorten(body)}");
                }
            }
        }

        watch.Stop();
        output.WriteLine($"{Requests} malformed requests over {routes.Count} routes in {watch.Elapsed.TotalSeconds:N1} s: " +
            string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Value} × {s.Key}")));
        Assert.Empty(failures.Take(20));
        Assert.Equal(before, await SnapshotAsync(factory));
    }

    private sealed record Route(string Method, string Pattern);

    private sealed record FuzzRequest(string Method, string Path, byte[]? Body, string? ContentType, string? Authorization)
    {
        public override string ToString() =>
            $"{Method} {(Path.Length > 120 ? Path[..120] + "…" : Path)} auth={(Authorization is null ? "none" : Authorization[..Math.Min(12, Authorization.Length)])} body={Shorten(Body is null ? "" : Encoding.UTF8.GetString(Body))}";
    }

    private static List<Route> Routes(ApiFactory factory) =>
    [
        .. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Pattern: "/" + (e.RoutePattern.RawText ?? "").TrimStart('/'), Methods: e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]))
            .Where(e => e.Pattern.StartsWith("/services", StringComparison.Ordinal) || e.Pattern.StartsWith("/id/", StringComparison.Ordinal)
                || e.Pattern.StartsWith("/account", StringComparison.Ordinal) || e.Pattern.StartsWith("/emulator", StringComparison.Ordinal))
            .SelectMany(e => e.Methods.Select(m => new Route(m, e.Pattern)))
            .Distinct(),
    ];

    private static FuzzRequest Generate(Random random, List<Route> routes, TestSupport.DemoWorld demo, string[] tokens)
    {
        var route = routes[random.Next(routes.Count)];
        var method = random.Next(10) == 0 ? Pick(random, "GET", "POST", "PATCH", "DELETE", "PUT") : route.Method;
        var writes = method is not ("GET" or "HEAD");
        var control = route.Pattern.StartsWith("/emulator", StringComparison.Ordinal);

        // A write is always malformed somewhere the endpoint must notice: in its body, or (DELETE) in its path.
        var badPath = !writes || method == "DELETE" || random.Next(3) == 0;
        var path = ParameterPattern().Replace(route.Pattern, m => Uri.EscapeDataString(Value(random, m.Groups[1].Value, demo, malformed: badPath && (method == "DELETE" || random.Next(2) == 0))));
        if (random.Next(6) == 0)
        {
            path += "?" + Pick(random, "q=SELECT", "q=%ED%A0%80", "fields=Id,%00", "q=" + new string('(', 500), "token=x&token=y");
        }

        var authorization = control
            ? Pick(random, null, "Bearer nonsense", $"Bearer {tokens[0]}", $"Bearer {tokens[2]}")
            : Pick(random, $"Bearer {tokens[0]}", $"Bearer {tokens[1]}", $"Bearer {tokens[2]}", $"Bearer {tokens[0]}", null, "Bearer", "Basic YWxpY2U6YWxpY2U=", "Bearer " + new string('x', 5000), "OAuth \u00e9\u00e9");
        if (!writes)
        {
            return new FuzzRequest(method, path, null, null, authorization);
        }

        var form = route.Pattern.StartsWith("/services/oauth2", StringComparison.Ordinal) || route.Pattern.StartsWith("/account", StringComparison.Ordinal);
        var body = form ? MalformedForm(random) : MalformedJson(random, demo);
        var contentType = Pick(random, "application/json", "application/json", "application/x-www-form-urlencoded", "text/plain", null, "application/json; charset=iso-8859-1");
        return new FuzzRequest(method, path, body, contentType, authorization);
    }

    private static string Value(Random random, string name, TestSupport.DemoWorld demo, bool malformed)
    {
        var lower = name.ToLowerInvariant();
        if (lower == "version")
        {
            return malformed ? Pick(random, "48.0", "abc", "62.0.1", "", "68.0", new string('9', 300)) : "62.0";
        }

        if (lower is "actionname")
        {
            return Pick(random, "checkoutSessionAction", "cancelCartAsyncOperation", "cartToOrderAction", "activateOrderAction",
                "updateCheckoutSessionStateAction", "priceCart", "noSuchAction", "%", "\u00e9");
        }

        if (lower is "type" or "sobject")
        {
            return Pick(random, "WebCart", "CartCheckoutSession", "CartItem", "Order", "User", "Nope", "webcart");
        }

        var valid = lower switch
        {
            "cartid" => demo.AliceAcmeCart,
            "webstoreid" => demo.AcmeStoreId,
            "userid" => demo.UserId(DemoData.Alice),
            "orgid" => "00D000000000001AAA",
            _ => demo.AliceAcmeCart,
        };
        return malformed
            ? Pick(random, valid[..14], valid + "X", "001" + valid[3..], valid.ToLowerInvariant(), new string('a', 2_000), "\u00e9\u00ff", "0a6 000000000000", "..", "%2F", "")
            : valid;
    }

    private static byte[] MalformedJson(Random random, TestSupport.DemoWorld demo)
    {
        var cart = demo.AliceAcmeCart;
        var text = random.Next(12) switch
        {
            0 => "{\"inputs\":[{\"cartId\":\"" + cart + "\"}",
            1 => "{\"inputs\":[{\"cartId\":\"\\ud800\"}]}",
            2 => "{\"\\udfff\":1}",
            3 => new string('[', 200) + new string(']', 200),
            4 => "{\"inputs\":[{\"cartId\":\"" + cart[..10] + "\"}]}",
            5 => "{\"inputs\":[{\"cartId\":\"" + new string('0', 1_000) + "\"},{\"cartId\":12}]}",
            6 => "{\"quantity\":1e999,\"State\":",
            7 => "nul",
            8 => "{\"inputs\":[{\"cartId\":\"" + cart + "\",\"orderStatus\":\"Draft\",\"runAsync\":\"yes\"}]}",
            9 => "{\"effectiveAccountId\":",
            10 => "{\"a\":\"\\u0000\",\"b\":\"" + new string('\u00e9', 100) + "\",",
            _ => "{\"inputs\":[{\"checkoutSessionId\":\"2z9\",\"nextState\":\"\\ud83d\",\"expCurrentState\":1}]}",
        };
        return random.Next(15) == 0 ? [0xC3, 0x28, 0xA0, 0xA1, .. Encoding.UTF8.GetBytes(text)] : Encoding.UTF8.GetBytes(text);
    }

    private static byte[] MalformedForm(Random random) => Encoding.UTF8.GetBytes(random.Next(6) switch
    {
        0 => "grant_type=password&client_id=checkout-console&client_secret=wrong&username=alice%40acme.example&password=alice-demo",
        1 => "grant_type=authorization_code&code=%ED%A0%80",
        2 => "%%%=&&=%zz",
        3 => "grant_type=password&client_id=checkout-console&client_secret=checkout-console-secret&username=" + new string('a', 300) + "&password=x",
        4 => "token=" + new string('t', 3_000),
        _ => "username=admin%40console.example&password=admin-demo&returnUrl=https%3A%2F%2Fevil.example",
    });

    private static async Task<(int Status, string Body)> SendAsync(ApiFactory factory, FuzzRequest request)
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = request.Method;
            var parts = request.Path.Split('?', 2);
            c.Request.Path = PathString.FromUriComponent(parts[0]);
            if (parts.Length > 1)
            {
                c.Request.QueryString = new QueryString("?" + parts[1]);
            }

            if (request.Authorization is not null)
            {
                c.Request.Headers.Authorization = request.Authorization;
            }

            if (request.Body is not null)
            {
                c.Request.Body = new MemoryStream(request.Body);
                c.Request.ContentLength = request.Body.Length;
                if (request.ContentType is not null)
                {
                    c.Request.ContentType = request.ContentType;
                }
            }
        });
        return (context.Response.StatusCode, await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    /// <summary>SPEC §5's UNKNOWN_EXCEPTION 500 rows: an action's answer for a missing or malformed record id (or orderStatus).</summary>
    private static bool IsDocumentedUnknownException(FuzzRequest request, string body)
    {
        if (!request.Path.Contains("/actions/standard/", StringComparison.Ordinal) || !body.StartsWith('['))
        {
            return false;
        }

        using var json = JsonDocument.Parse(body);
        var failed = json.RootElement.EnumerateArray().FirstOrDefault(r => r.TryGetProperty("isSuccess", out var ok) && !ok.GetBoolean());
        return failed.ValueKind == JsonValueKind.Object
            && failed.GetProperty("errors")[0].GetProperty("statusCode").GetString() == "UNKNOWN_EXCEPTION"
            && !failed.GetProperty("errors")[0].GetProperty("message").GetString()!.Contains("unexpected error", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Every table the model maps, the timeline aside, as sorted JSON rows.</summary>
    private static async Task<string> SnapshotAsync(ApiFactory factory)
    {
        await using var db = factory.NewContext();
        var tables = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var entity in db.Model.GetEntityTypes().Where(e => !e.IsOwned() && e.ClrType != typeof(TimelineEntry)))
        {
            var set = (IQueryable<object>)typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!.MakeGenericMethod(entity.ClrType).Invoke(db, null)!;
            var rows = await set.AsNoTracking().ToListAsync();
            tables[entity.Name] = [.. rows.Select(r => JsonSerializer.Serialize(r, entity.ClrType)).Order(StringComparer.Ordinal)];
        }

        return JsonSerializer.Serialize(tables);
    }

    private static T Pick<T>(Random random, params T[] options) => options[random.Next(options.Length)];

    private static string Shorten(string text) => text.Length > 200 ? text[..200] + "…" : text;

    [GeneratedRegex(@"\{([A-Za-z]+)(?::[^}]*)?\}")]
    private static partial Regex ParameterPattern();

    [GeneratedRegex(@"\b[A-Z][A-Za-z]+Exception\b|\bat [A-Z][A-Za-z0-9_.]+\(|System\.[A-Z]|Microsoft\.[A-Z]|\.cs:line|StackTrace|Npgsql|SQLite Error")]
    private static partial Regex InternalDetail();
}
