using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CheckoutConsole.Tests.Api.Hardening;

/// <summary>
/// Finding 3 of #14: the API login throttle holds against parallel guesses and floods, counts by
/// username and client together, and refuses with 429 and Retry-After instead of holding requests.
/// The app's clock stands still unless a test moves it, so every wait the throttle computes is exact;
/// elapsed times are reported, never asserted.
/// </summary>
public sealed class LoginThrottleTests(ITestOutputHelper output)
{
    private const string Attacker = "203.0.113.7";
    private const string Victim = "198.51.100.20";
    // A table of 10 records and a flood of 25 made-up usernames: more than twice the table, yet each
    // costs a password hash, so the flood is no bigger than its point needs.
    private const int Tracked = 10;
    private const int Flood = Tracked + 15;

    private static SettingsApiFactory NewFactory(int delayMs, int maxDelayMs, TestClock? clock = null) => new(new Dictionary<string, string?>
    {
        ["Api:LoginFailureDelayMs"] = $"{delayMs}",
        ["Api:LoginFailureMaxDelayMs"] = $"{maxDelayMs}",
        ["Api:LoginFailureMaxTracked"] = $"{Tracked}",
    }, clock ?? new TestClock());

    [Fact]
    public async Task Token_HundredParallelGuessesAfterAFailure_AreRefusedWithRetryAfterAndTheRightPasswordDoesNotSlipIn()
    {
        await using var factory = NewFactory(delayMs: 4_000, maxDelayMs: 8_000);
        await factory.InitializeAsync();
        Assert.Equal(400, (await LoginAsync(factory, Attacker, DemoData.Carol, "guess-0")).Status);

        var watch = Stopwatch.StartNew();
        var guesses = await Task.WhenAll(Enumerable.Range(1, 100).Select(i =>
            LoginAsync(factory, Attacker, DemoData.Carol, i == 50 ? DemoData.Passwords[DemoData.Carol] : $"guess-{i}")));
        watch.Stop();

        var evaluated = guesses.Count(g => g.Status is 200 or 400);
        output.WriteLine($"100 parallel guesses after one failure: {evaluated} evaluated, {guesses.Count(g => g.Status == 429)} refused (429), " +
            $"right password answered {guesses[49].Status}, in {watch.ElapsedMilliseconds} ms");
        Assert.Equal(0, evaluated);
        Assert.All(guesses, g =>
        {
            Assert.Equal(429, g.Status);
            Assert.Equal("rate_limit_exceeded", g.Error);
            Assert.InRange(g.RetryAfterSeconds, 1, 4);
        });
    }

    [Fact]
    public async Task Token_FloodOfDistinctUsernames_DoesNotEraseAVictimsFailures()
    {
        // The delay outlasts the flood (each made-up username still costs a password hash), so a
        // victim whose record survived is still refused afterwards.
        await using var factory = NewFactory(delayMs: 300_000, maxDelayMs: 300_000);
        await factory.InitializeAsync();
        Assert.Equal(400, (await LoginAsync(factory, Attacker, DemoData.Carol, "guess-0")).Status);

        for (var batch = 0; batch < Flood; batch += 25)
        {
            await Task.WhenAll(Enumerable.Range(batch, Math.Min(25, Flood - batch)).Select(i => LoginAsync(factory, Attacker, $"nobody-{i}@flood.example", "x")));
        }

        var watch = Stopwatch.StartNew();
        var next = await LoginAsync(factory, Attacker, DemoData.Carol, "guess-1");
        watch.Stop();
        output.WriteLine($"after {Flood:N0} failed logins with distinct usernames, the victim's next guess: {next.Status} " +
            $"(Retry-After {next.RetryAfterSeconds} s) in {watch.ElapsedMilliseconds} ms");
        Assert.Equal(429, next.Status);
    }

    [Fact]
    public async Task Token_RightPasswordFromAnotherClient_IsNotHeldBackByAnAttackersFailures()
    {
        await using var factory = NewFactory(delayMs: 4_000, maxDelayMs: 8_000);
        await factory.InitializeAsync();
        var throttle = factory.Services.GetRequiredService<LoginThrottle>();
        Assert.Equal(400, (await LoginAsync(factory, Attacker, DemoData.Carol, "guess-0")).Status);

        var watch = Stopwatch.StartNew();
        var real = await LoginAsync(factory, Victim, DemoData.Carol, DemoData.Passwords[DemoData.Carol]);
        watch.Stop();

        output.WriteLine($"the real user's right password from another client after the attacker's failure: {real.Status} in {watch.ElapsedMilliseconds} ms");
        // Had the attacker's 4 s wait applied to the victim, the login would have been refused (429): it got in.
        Assert.Equal(200, real.Status);
        Assert.Equal(TimeSpan.FromSeconds(4), await throttle.DelayForAsync(DemoData.Carol, Attacker));
    }

    [Fact]
    public async Task Token_AfterTheRetryAfterPasses_TheNextGuessIsEvaluatedAndASuccessClearsTheRecord()
    {
        var clock = new TestClock();
        await using var factory = NewFactory(delayMs: 1_500, maxDelayMs: 1_500, clock);
        await factory.InitializeAsync();
        Assert.Equal(400, (await LoginAsync(factory, Attacker, DemoData.Carol, "guess-0")).Status);
        var early = await LoginAsync(factory, Attacker, DemoData.Carol, DemoData.Passwords[DemoData.Carol]);

        clock.Advance(TimeSpan.FromMilliseconds(1_600));
        var right = await LoginAsync(factory, Attacker, DemoData.Carol, DemoData.Passwords[DemoData.Carol]);
        var again = await LoginAsync(factory, Attacker, DemoData.Carol, DemoData.Passwords[DemoData.Carol]);

        Assert.Equal(429, early.Status);
        Assert.Equal(2, early.RetryAfterSeconds); // 1.5 s, rounded up to whole seconds
        Assert.Equal(200, right.Status);
        Assert.Equal(200, again.Status);
    }

    [Fact]
    public async Task Token_ShortDelay_IsServedByHoldingTheAttemptNotByRefusingIt()
    {
        await using var factory = NewFactory(delayMs: 300, maxDelayMs: 300);
        await factory.InitializeAsync();
        var throttle = factory.Services.GetRequiredService<LoginThrottle>();
        Assert.Equal(400, (await LoginAsync(factory, Attacker, DemoData.Carol, "guess-0")).Status);
        var pending = await throttle.DelayForAsync(DemoData.Carol, Attacker);

        var watch = Stopwatch.StartNew();
        var held = await LoginAsync(factory, Attacker, DemoData.Carol, DemoData.Passwords[DemoData.Carol]);
        watch.Stop();

        output.WriteLine($"a login with {pending.TotalMilliseconds} ms of delay pending answered {held.Status} in {watch.ElapsedMilliseconds} ms");
        // A 300 ms wait is at most the 1 s held: the attempt was served (not refused with 429) and its success cleared the record.
        Assert.Equal(TimeSpan.FromMilliseconds(300), pending);
        Assert.Equal(200, held.Status);
        Assert.Equal(TimeSpan.Zero, await throttle.DelayForAsync(DemoData.Carol, Attacker));
    }

    public sealed record LoginAnswer(int Status, string? Error, int RetryAfterSeconds);

    /// <summary>POST /services/oauth2/token from the given client address (TestServer lets a test set it).</summary>
    public static async Task<LoginAnswer> LoginAsync(ApiFactory factory, string clientIp, string username, string password)
    {
        var form = Encoding.UTF8.GetBytes(
            $"grant_type=password&client_id={SalesforceClient.ClientId}&client_secret={SalesforceClient.ClientSecret}" +
            $"&username={Uri.EscapeDataString(username)}&password={Uri.EscapeDataString(password)}");
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Post;
            c.Request.Path = "/services/oauth2/token";
            c.Request.ContentType = "application/x-www-form-urlencoded";
            c.Request.ContentLength = form.Length;
            c.Request.Body = new MemoryStream(form);
            c.Connection.RemoteIpAddress = IPAddress.Parse(clientIp);
        });
        var body = await new StreamReader(context.Response.Body).ReadToEndAsync();
        string? error = null;
        if (body.StartsWith('{'))
        {
            using var json = JsonDocument.Parse(body);
            error = json.RootElement.TryGetProperty("error", out var e) ? e.GetString() : null;
        }

        var retryAfter = int.TryParse(context.Response.Headers.RetryAfter.ToString(), out var seconds) ? seconds : 0;
        return new LoginAnswer(context.Response.StatusCode, error, retryAfter);
    }
}
