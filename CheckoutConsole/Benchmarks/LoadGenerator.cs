using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Benchmarks;

/// <summary>
/// `CheckoutConsole loadgen --url http://127.0.0.1:PORT[,http://127.0.0.1:PORT2] --mode actions|checkout --clients N --seconds S [--count C]`:
/// the REST load generator, run as its own process so that its work doesn't share the server's
/// process (the bench starts it; it prints one JSON line of figures). It sets up its carts over
/// the API as Alice, then either alternates updateCheckoutSessionStateAction between two screen
/// states on one session per client (actions), or drives complete checkouts with runAsync:false
/// on a new cart each (checkout). Bounded: it stops at the deadline or after C checkouts per client.
/// </summary>
public static class LoadGenerator
{
    public const string Command = "loadgen";
    private const string Api = "/services/data/v62.0";

    public sealed record LoadFigures(string Mode, int Clients, int Calls, int Failures, double Seconds, double PerSecond, double MedianMs, double P99Ms, string? FirstFailure);

    public static async Task<int> RunAsync(string[] args)
    {
        var url = Option(args, "--url") ?? throw new ArgumentException("loadgen needs --url http://127.0.0.1:PORT.");
        var mode = Option(args, "--mode") ?? "actions";
        var clients = int.Parse(Option(args, "--clients") ?? "32", System.Globalization.CultureInfo.InvariantCulture);
        var seconds = double.Parse(Option(args, "--seconds") ?? "5", System.Globalization.CultureInfo.InvariantCulture);
        var count = int.Parse(Option(args, "--count") ?? "1000000", System.Globalization.CultureInfo.InvariantCulture);
        var warmup = double.Parse(Option(args, "--warmup") ?? "1", System.Globalization.CultureInfo.InvariantCulture);
        if (mode is not ("actions" or "checkout") || clients is < 1 or > 256 || seconds is <= 0 or > 600)
        {
            Console.Error.WriteLine($"loadgen: expected --mode actions|checkout, --clients 1..256, --seconds up to 600; found {mode}, {clients}, {seconds}.");
            return 2;
        }

        Console.WriteLine(JsonSerializer.Serialize(await MeasureAsync(url, mode, clients, TimeSpan.FromSeconds(seconds), count, TimeSpan.FromSeconds(warmup))));
        return 0;
    }

    /// <summary>The load itself (the command without its argument parsing and its line of JSON).</summary>
    public static async Task<LoadFigures> MeasureAsync(string urls, string mode, int clients, TimeSpan duration, int count, TimeSpan warmup)
    {
        var https = urls.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(u => new HttpClient(
            new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(u),
            Timeout = TimeSpan.FromSeconds(30),
        }).ToList();
        try
        {
            // Several URLs are instances of one database (team mode): one sign-in, its token valid on each.
            var first = await ApiClient.SignInAsync(https[0]);
            var instances = https.Select(first.On).ToList();
            return mode == "actions"
                ? await ActionsAsync(instances, clients, warmup, duration)
                : await CheckoutsAsync(instances, clients, count, duration);
        }
        finally
        {
            https.ForEach(h => h.Dispose());
        }
    }

    private static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private static async Task<LoadFigures> ActionsAsync(IReadOnlyList<ApiClient> instances, int clients, TimeSpan warmup, TimeSpan duration)
    {
        var sessions = new List<string>();
        for (var i = 0; i < clients; i++)
        {
            var cart = await instances[i % instances.Count].NewCartAsync();
            sessions.Add(await instances[i % instances.Count].CheckoutSessionAsync(cart));
        }

        // Which of the two bodies each client sends next. It carries over from the warm-up into the
        // measured run and moves only when a call succeeded: a client that stopped the warm-up on an
        // odd call has its session in the other state, and starting it again at the first body made
        // its first measured call a CHECKOUT_CONFLICT (one per such client, counted as a failure).
        var next = new int[clients];
        await RunAsync(warmup, new Samples[clients]);
        var perClient = sessions.Select(_ => new Samples()).ToArray();
        var (seconds, failures, firstFailure) = await RunAsync(duration, perClient);
        var all = new Samples();
        foreach (var samples in perClient)
        {
            all.Merge(samples);
        }

        return new LoadFigures("actions", clients, all.Count, failures, seconds, all.Count / seconds, all.MedianMs, all.P99Ms, firstFailure);

        async Task<(double Seconds, int Failures, string? FirstFailure)> RunAsync(TimeSpan length, Samples?[] samples)
        {
            var failures = 0;
            string? firstFailure = null;
            var stopAt = Stopwatch.GetTimestamp() + (long)(length.TotalSeconds * Stopwatch.Frequency);
            var started = Stopwatch.GetTimestamp();
            await Task.WhenAll(sessions.Select((session, index) => Task.Run(async () =>
            {
                var client = instances[index % instances.Count];
                // Two screen states: every call is a legal move, so every call does the full work.
                var bodies = new[]
                {
                    client.UpdateBody(session, CheckoutFlow.DeliveryMethod, CheckoutFlow.Start),
                    client.UpdateBody(session, CheckoutFlow.Start, CheckoutFlow.DeliveryMethod),
                };
                while (Stopwatch.GetTimestamp() < stopAt)
                {
                    var start = Stopwatch.GetTimestamp();
                    var error = await client.PostActionAsync("updateCheckoutSessionStateAction", bodies[next[index]]);
                    samples[index]?.Add(Stopwatch.GetTimestamp() - start);
                    if (error is not null)
                    {
                        Interlocked.Increment(ref failures);
                        Interlocked.CompareExchange(ref firstFailure, error, null);
                        continue;
                    }

                    next[index] = 1 - next[index];
                }
            })));
            return (Stopwatch.GetElapsedTime(started).TotalSeconds, failures, firstFailure);
        }
    }

    private static async Task<LoadFigures> CheckoutsAsync(IReadOnlyList<ApiClient> instances, int clients, int perClient, TimeSpan duration)
    {
        // Warm-up: one checkout on each instance, untimed. Then every client's carts are made before the clock starts.
        foreach (var instance in instances)
        {
            await instance.CompleteCheckoutAsync(await instance.NewCartAsync());
        }

        var carts = new List<string>[clients];
        for (var index = 0; index < clients; index++)
        {
            carts[index] = [];
            for (var i = 0; i < perClient; i++)
            {
                carts[index].Add(await instances[index % instances.Count].NewCartAsync());
            }
        }

        var samples = Enumerable.Range(0, clients).Select(_ => new Samples()).ToArray();
        var failures = 0;
        string? firstFailure = null;
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(index => Task.Run(async () =>
        {
            var client = instances[index % instances.Count];
            foreach (var cart in carts[index])
            {
                if (Stopwatch.GetTimestamp() >= stopAt)
                {
                    break;
                }

                var start = Stopwatch.GetTimestamp();
                var error = await client.CompleteCheckoutAsync(cart);
                samples[index].Add(Stopwatch.GetTimestamp() - start);
                if (error is not null)
                {
                    Interlocked.Increment(ref failures);
                    Interlocked.CompareExchange(ref firstFailure, error, null);
                }
            }
        })));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var all = new Samples();
        foreach (var s in samples)
        {
            all.Merge(s);
        }

        return new LoadFigures("checkout", clients, all.Count, failures, seconds, (all.Count - failures) / seconds, all.MedianMs, all.P99Ms, firstFailure);
    }

    /// <summary>The few REST calls the load needs, as Alice (a buyer) with one bearer token.</summary>
    private sealed class ApiClient(HttpClient http, string storeId, string productId)
    {
        public static async Task<ApiClient> SignInAsync(HttpClient http)
        {
            using (var response = await http.PostAsync("/services/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "password",
                ["client_id"] = "checkout-console",
                ["client_secret"] = "checkout-console-secret",
                ["username"] = DemoData.Alice,
                ["password"] = DemoData.Passwords[DemoData.Alice],
            })))
            {
                response.EnsureSuccessStatusCode();
                using var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.RootElement.GetProperty("access_token").GetString());
            }

            var store = await QueryFirstIdAsync(http, $"SELECT Id FROM WebStore WHERE Name = '{DemoData.AcmeStore}'");
            var product = await QueryFirstIdAsync(http, "SELECT Id FROM Product2 WHERE Sku = 'SKU-2'");
            return new ApiClient(http, store, product);
        }

        /// <summary>The same signed-in client against another instance of the same database.</summary>
        public ApiClient On(HttpClient other)
        {
            other.DefaultRequestHeaders.Authorization = http.DefaultRequestHeaders.Authorization;
            return other == http ? this : new ApiClient(other, storeId, productId);
        }

        private static async Task<string> QueryFirstIdAsync(HttpClient http, string soql)
        {
            using var json = JsonDocument.Parse(await http.GetStringAsync($"{Api}/query?q={Uri.EscapeDataString(soql)}"));
            return json.RootElement.GetProperty("records")[0].GetProperty("Id").GetString()!;
        }

        public async Task<string> NewCartAsync()
        {
            using var created = await http.PostAsync($"{Api}/commerce/webstores/{storeId}/carts", Json("{}"));
            created.EnsureSuccessStatusCode();
            using var cart = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
            var cartId = cart.RootElement.GetProperty("cartId").GetString()!;
            using var item = await http.PostAsync($"{Api}/commerce/webstores/{storeId}/carts/{cartId}/cart-items",
                Json(JsonSerializer.Serialize(new { productId, quantity = 1 })));
            item.EnsureSuccessStatusCode();
            return cartId;
        }

        public async Task<string> CheckoutSessionAsync(string cartId)
        {
            using var response = await http.PostAsync($"{Api}/actions/standard/checkoutSessionAction", Json(Inputs(new { cartId })));
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"checkoutSessionAction failed: HTTP {(int)response.StatusCode} {body}");
            }

            using var json = JsonDocument.Parse(body);
            return json.RootElement[0].GetProperty("outputValues").GetProperty("requestId").GetString()!;
        }

        public byte[] UpdateBody(string session, string next, string expected) =>
            Encoding.UTF8.GetBytes(Inputs(new { checkoutSessionId = session, nextState = next, expCurrentState = expected }));

        /// <summary>Null on success, else the status and the start of the answer.</summary>
        public async Task<string?> PostActionAsync(string action, byte[] body)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var response = await http.PostAsync($"{Api}/actions/standard/{action}", content);
            if (response.IsSuccessStatusCode)
            {
                await response.Content.LoadIntoBufferAsync();
                return null;
            }

            var text = await response.Content.ReadAsStringAsync();
            return $"{action}: HTTP {(int)response.StatusCode} {text[..Math.Min(200, text.Length)]}";
        }

        /// <summary>Start to Order Confirmation the way a flow drives it: screens update the session, task states set NextState and run their task inline.</summary>
        public async Task<string?> CompleteCheckoutAsync(string cartId)
        {
            var session = await CheckoutSessionAsync(cartId);
            foreach (var step in CheckoutFlow.Steps.TakeWhile(s => s.State != CheckoutFlow.OrderConfirmation))
            {
                var error = await PostActionAsync("updateCheckoutSessionAction", UpdateBody(session, step.Next!, step.State));
                if (error is null && step.IsTask)
                {
                    var action = Domain.Services.CheckoutService.TaskAction(step.TaskType!);
                    var name = Domain.Errors.CheckoutActions.ApiName(action);
                    var body = action == Domain.Errors.CheckoutAction.ActivateOrder
                        ? Inputs(new { cartId, orderStatus = "Activated", runAsync = false })
                        : Inputs(new { cartId, runAsync = false });
                    error = await PostActionAsync(name, Encoding.UTF8.GetBytes(body));
                }

                if (error is not null)
                {
                    return $"step {step.State}: {error}";
                }
            }

            return null;
        }

        private static string Inputs(object input) => JsonSerializer.Serialize(new { inputs = new[] { input } });

        private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
    }
}
