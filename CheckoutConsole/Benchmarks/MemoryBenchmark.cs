using System.Diagnostics;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Services;
using CheckoutConsole.Live;

namespace CheckoutConsole.Benchmarks;

/// <summary>
/// Server memory per open buyer checkout page: Alice signs in, N Chromium tabs open her checkout
/// page (driven through Chromium's DevTools protocol), and the managed heap after a full GC is
/// compared with the heap before, once every page's circuit is up.
/// </summary>
public static partial class MemoryBenchmark
{
    public sealed record MemoryFigures(int Pages, long HeapBeforeBytes, long HeapAfterBytes, double BytesPerPage, long WorkingSetDeltaBytes);

    public static async Task<MemoryFigures> RunAsync(BenchmarkHost host, string chromium, int pages)
    {
        var queries = host.Services.GetRequiredService<CheckoutQueries>();
        var alice = (await queries.FindUserByUsernameAsync(DemoData.Alice))!;
        var cart = (await queries.ListCartsAsync(alice.Id)).First(c => c.Cart.Name == "Alice's office restock").Cart.Id;
        await host.Services.GetRequiredService<CheckoutService>().CheckoutSessionAsync(Caller.For(alice.Id), cart);
        var cookie = await SignInAsync(host.BaseUrl);
        var counter = host.Services.GetRequiredService<CircuitCounter>();
        var url = $"{host.BaseUrl}/buyer/carts/{cart}/checkout";

        var profile = Directory.CreateTempSubdirectory("checkout-bench-chromium");
        var start = new ProcessStartInfo(chromium) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var argument in ChromiumLocator.QuietArguments.Concat(
            ["--headless", "--remote-debugging-port=0", $"--user-data-dir={profile.FullName}", "about:blank"]))
        {
            start.ArgumentList.Add(argument);
        }

        using var browser = Process.Start(start)!;
        try
        {
            var endpoint = await ReadDevToolsEndpointAsync(browser);
            using var devTools = new DevToolsClient();
            await devTools.ConnectAsync(endpoint);
            var host127 = new Uri(host.BaseUrl).Host;
            await devTools.SendAsync("Storage.setCookies", new { cookies = new[] { new { name = cookie.Name, value = cookie.Value, domain = host127, path = "/", httpOnly = true } } });

            // One page first, so one-time costs (component type caches, JIT) aren't counted per page.
            await devTools.SendAsync("Target.createTarget", new { url });
            await WaitForCircuitsAsync(counter, 1);
            await Task.Delay(1000);
            var heapBefore = HeapAfterFullGc();
            var workingSetBefore = Process.GetCurrentProcess().WorkingSet64;

            for (var i = 0; i < pages; i++)
            {
                await devTools.SendAsync("Target.createTarget", new { url });
            }

            await WaitForCircuitsAsync(counter, pages + 1);
            await Task.Delay(2000);
            var heapAfter = HeapAfterFullGc();
            var workingSetAfter = Process.GetCurrentProcess().WorkingSet64;
            return new MemoryFigures(pages, heapBefore, heapAfter, (heapAfter - heapBefore) / (double)pages, workingSetAfter - workingSetBefore);
        }
        finally
        {
            browser.Kill(entireProcessTree: true);
            await browser.WaitForExitAsync();
            profile.Delete(recursive: true);
        }
    }

    private static long HeapAfterFullGc()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static async Task WaitForCircuitsAsync(CircuitCounter counter, int expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (counter.Open < expected)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Expected {expected} open checkout pages, found {counter.Open} after 90 s.");
            }

            await Task.Delay(100);
        }
    }

    private static async Task<Cookie> SignInAsync(string baseUrl)
    {
        var cookies = new CookieContainer();
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(baseUrl) };
        var page = await http.GetStringAsync("/signin");
        var match = AntiforgeryToken().Match(page);
        if (!match.Success)
        {
            throw new InvalidOperationException("Signing Alice in: expected the sign-in page to carry an antiforgery token input; found none.");
        }

        var token = match.Groups[1].Value;
        using var response = await http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token),
            ["username"] = DemoData.Alice,
            ["password"] = DemoData.Passwords[DemoData.Alice],
            ["returnUrl"] = "/buyer",
        }));
        return cookies.GetCookies(new Uri(baseUrl)).FirstOrDefault(c => c.Name == "CheckoutConsole.Auth")
            ?? throw new InvalidOperationException($"Signing Alice in failed: HTTP {(int)response.StatusCode}.");
    }

    private static async Task<Uri> ReadDevToolsEndpointAsync(Process browser)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            var line = await browser.StandardError.ReadLineAsync();
            if (line is null)
            {
                break;
            }

            var match = DevToolsLine().Match(line);
            if (match.Success)
            {
                return new Uri(match.Groups[1].Value);
            }
        }

        throw new InvalidOperationException("Chromium did not report its DevTools endpoint.");
    }

    // Whatever the order of the input's attributes (the page used to write type="hidden" between them).
    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*?value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    [GeneratedRegex("DevTools listening on (ws://\\S+)")]
    private static partial Regex DevToolsLine();

    /// <summary>Just enough of the DevTools protocol: send a command, wait for its reply.</summary>
    private sealed class DevToolsClient : IDisposable
    {
        private readonly ClientWebSocket _socket = new();
        private int _nextId;

        public Task ConnectAsync(Uri endpoint) => _socket.ConnectAsync(endpoint, CancellationToken.None);

        public async Task SendAsync(string method, object parameters)
        {
            var id = Interlocked.Increment(ref _nextId);
            var payload = JsonSerializer.SerializeToUtf8Bytes(new { id, method, @params = parameters });
            await _socket.SendAsync(payload, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
            var buffer = new byte[64 * 1024];
            while (true)
            {
                using var message = new MemoryStream();
                WebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer, CancellationToken.None);
                    message.Write(buffer, 0, result.Count);
                }
                while (!result.EndOfMessage);

                using var json = JsonDocument.Parse(message.ToArray());
                if (json.RootElement.TryGetProperty("id", out var replyId) && replyId.GetInt32() == id)
                {
                    if (json.RootElement.TryGetProperty("error", out var error))
                    {
                        throw new InvalidOperationException($"DevTools {method} failed: {error}");
                    }

                    return;
                }
            }
        }

        public void Dispose() => _socket.Dispose();
    }
}
