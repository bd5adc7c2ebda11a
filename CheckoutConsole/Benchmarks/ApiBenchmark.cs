using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Services;

namespace CheckoutConsole.Benchmarks;

/// <summary>
/// The REST API over loopback: C concurrent clients, each with its own cart and session, alternating
/// updateCheckoutSessionStateAction between two screen states (every call succeeds) for a while.
/// </summary>
public static class ApiBenchmark
{
    public sealed record ApiFigures(int Clients, int Calls, int Failures, double Seconds, double CallsPerSecond, double MedianMs, double P99Ms);

    public static async Task<ApiFigures> RunAsync(BenchmarkHost host, int clients, TimeSpan duration)
    {
        var carts = host.Services.GetRequiredService<CartService>();
        var service = host.Services.GetRequiredService<CheckoutService>();
        var alice = (await host.Services.GetRequiredService<CheckoutQueries>().FindUserByUsernameAsync(DemoData.Alice))!;
        var acme = (await host.Services.GetRequiredService<CheckoutQueries>().ListStoresAsync()).First(s => s.Name == DemoData.AcmeStore);
        var products = await host.Services.GetRequiredService<CheckoutQueries>().ListProductsAsync();
        var caller = Caller.For(alice.Id);
        var sessions = new List<string>();
        for (var i = 0; i < clients; i++)
        {
            var cart = (await carts.CreateCartAsync(caller, acme.Id, null)).Value!;
            await carts.AddCartItemAsync(caller, cart, products[0].Id, 1);
            sessions.Add((await service.CheckoutSessionAsync(caller, cart)).Value!);
        }

        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients, PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = new Uri(host.BaseUrl),
        };
        var token = await GetTokenAsync(http);
        http.DefaultRequestHeaders.Authorization = new("Bearer", token);

        // Warm up each client's path once.
        foreach (var session in sessions)
        {
            await CallAsync(http, session, CheckoutFlow.DeliveryMethod, CheckoutFlow.Start);
            await CallAsync(http, session, CheckoutFlow.Start, CheckoutFlow.DeliveryMethod);
        }

        var perClient = sessions.Select(_ => new Samples()).ToList();
        var failures = 0;
        var stopAt = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(sessions.Select((session, index) => Task.Run(async () =>
        {
            var (from, to) = (CheckoutFlow.Start, CheckoutFlow.DeliveryMethod);
            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var ok = await perClient[index].TimeAsync(() => CallAsync(http, session, to, from));
                if (!ok)
                {
                    Interlocked.Increment(ref failures);
                }

                (from, to) = (to, from);
            }
        })));
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;

        var all = new Samples();
        foreach (var samples in perClient)
        {
            all.Merge(samples);
        }

        return new ApiFigures(clients, all.Count, failures, seconds, all.Count / seconds, all.MedianMs, all.P99Ms);
    }

    private static async Task<string> GetTokenAsync(HttpClient http)
    {
        using var response = await http.PostAsync("/services/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "checkout-console",
            ["client_secret"] = "checkout-console-secret",
            ["username"] = DemoData.Integrator,
            ["password"] = DemoData.Passwords[DemoData.Integrator],
        }));
        response.EnsureSuccessStatusCode();
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("access_token").GetString()!;
    }

    private static async Task<bool> CallAsync(HttpClient http, string session, string next, string expected)
    {
        using var response = await http.PostAsJsonAsync("/services/data/v62.0/actions/standard/updateCheckoutSessionStateAction", new
        {
            inputs = new[] { new { checkoutSessionId = session, nextState = next, expCurrentState = expected } },
        });
        await response.Content.LoadIntoBufferAsync();
        return response.IsSuccessStatusCode;
    }
}
