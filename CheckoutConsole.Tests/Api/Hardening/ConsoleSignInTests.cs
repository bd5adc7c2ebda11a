using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CheckoutConsole.Tests.Api.Hardening;

/// <summary>
/// Finding 2 of #14: the console's sign-in is throttled like the API login, and password guessing
/// can't run more password hashes at once than the bound, so it can't starve other requests.
/// </summary>
public sealed partial class ConsoleSignInTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SignIn_RepeatedWrongPasswords_OnlyTheFirstIsCheckedUntilTheDelayPasses()
    {
        await using var factory = new SettingsApiFactory(new Dictionary<string, string?>
        {
            ["Api:LoginFailureDelayMs"] = "4000",
            ["Api:LoginFailureMaxDelayMs"] = "8000",
        });
        await factory.InitializeAsync();
        var form = await SignInForm.GetAsync(factory);

        var outcomes = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            outcomes.Add((await form.PostAsync(factory, "192.0.2.1", DemoData.Alice, $"guess-{i}")).Location);
        }

        output.WriteLine("10 wrong passwords in a row: " + string.Join(", ", outcomes.GroupBy(Error).Select(g => $"{g.Count()} × {g.Key}")));
        Assert.Equal("invalid", Error(outcomes[0]));
        Assert.All(outcomes.Skip(1), o => Assert.Equal("throttled", Error(o)));
    }

    [Fact]
    public async Task SignIn_SixtyFourConcurrentGuessesFromManyClients_RunAtMostTheBoundOfHashesAtOnce()
    {
        await using var factory = new ApiFactory();
        await factory.InitializeAsync();
        var form = await SignInForm.GetAsync(factory);
        var reader = await factory.LoginAsync(DemoData.Integrator);
        var idle = await QueryMediansAsync(reader, 15);

        using var stop = new CancellationTokenSource();
        var users = DemoData.Passwords.Keys.ToArray();
        var guessing = Enumerable.Range(0, 64).Select(async i =>
        {
            var answers = 0;
            for (var round = 0; !stop.IsCancellationRequested && round < 20; round++)
            {
                var answer = await form.PostAsync(factory, $"10.0.{i}.{round + 1}", users[i % users.Length], $"guess-{i}-{round}");
                Assert.True(answer.Status < 500, $"{answer.Status}");
                answers++;
            }

            return answers;
        }).ToList();
        await Task.Delay(200);
        var loaded = await QueryMediansAsync(reader, 15);
        await stop.CancelAsync();
        var guesses = (await Task.WhenAll(guessing)).Sum();

        output.WriteLine($"authenticated query median {idle:N1} ms idle, {loaded:N1} ms during 64 concurrent sign-in guesses ({guesses} guesses answered)");
        var verifier = factory.Services.GetRequiredService<PasswordVerifier>();
        output.WriteLine($"password hashes at once: at most {verifier.PeakConcurrent} (bound {verifier.MaxConcurrent})");
        Assert.InRange(verifier.PeakConcurrent, 1, verifier.MaxConcurrent);
        Assert.InRange(verifier.MaxConcurrent, 1, Environment.ProcessorCount);
    }

    private static string Error(string location) => ErrorParameter().Match(location) is { Success: true } m ? m.Groups[1].Value : location;

    private static async Task<double> QueryMediansAsync(SalesforceClient client, int count)
    {
        var times = new List<double>();
        for (var i = 0; i < count; i++)
        {
            var watch = Stopwatch.StartNew();
            var response = await client.QueryAsync("SELECT Id FROM WebStore");
            times.Add(watch.Elapsed.TotalMilliseconds);
            Assert.Equal(HttpStatusCode.OK, response.Status);
        }

        times.Sort();
        return times[times.Count / 2];
    }

    [GeneratedRegex("error=([a-z]+)")]
    private static partial Regex ErrorParameter();
}

/// <summary>The sign-in form's antiforgery pair (cookie and field), fetched once, posted from any client address.</summary>
public sealed partial class SignInForm(string cookie, string token)
{
    public string Cookie => cookie;

    public string Token => token;

    public sealed record Answer(int Status, string Location);

    /// <summary>GET /signin (with the browser's <paramref name="cookies"/>, if any): the form's token for that browser and user.</summary>
    public static async Task<SignInForm> GetAsync(ApiFactory factory, string? cookies = null)
    {
        var page = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = "/signin";
            if (cookies is not null)
            {
                c.Request.Headers.Cookie = cookies;
            }
        });
        var html = await new StreamReader(page.Response.Body).ReadToEndAsync();
        var cookie = string.Join("; ", new[] { cookies }.OfType<string>().Concat(page.Response.Headers.SetCookie.Select(c => c!.Split(';')[0])));
        var token = WebUtility.HtmlDecode(TokenInput().Match(html).Groups[1].Value);
        return new SignInForm(cookie, token);
    }

    public async Task<Answer> PostAsync(ApiFactory factory, string clientIp, string username, string password,
        bool withToken = true, string? origin = null, string path = "/account/signin", string? extraCookie = null)
    {
        var fields = $"username={Uri.EscapeDataString(username)}&password={Uri.EscapeDataString(password)}&returnUrl=%2Fbuyer" +
            (withToken ? $"&__RequestVerificationToken={Uri.EscapeDataString(token)}" : "");
        var body = Encoding.UTF8.GetBytes(fields);
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Post;
            c.Request.Path = path;
            c.Request.ContentType = "application/x-www-form-urlencoded";
            c.Request.ContentLength = body.Length;
            c.Request.Body = new MemoryStream(body);
            c.Request.Headers.Cookie = extraCookie is null ? cookie : $"{cookie}; {extraCookie}";
            if (origin is not null)
            {
                c.Request.Headers.Origin = origin;
            }

            c.Connection.RemoteIpAddress = IPAddress.Parse(clientIp);
        });
        SetCookies = [.. context.Response.Headers.SetCookie.Select(c => c!)];
        return new Answer(context.Response.StatusCode, context.Response.Headers.Location.ToString());
    }

    /// <summary>The Set-Cookie headers of the last POST (the auth cookie after a successful sign-in).</summary>
    public IReadOnlyList<string> SetCookies { get; private set; } = [];

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}
