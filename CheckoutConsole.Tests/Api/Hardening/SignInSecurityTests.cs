using System.Diagnostics;
using System.Net;
using CheckoutConsole.Auth;
using CheckoutConsole.Domain.Accounts;
using CheckoutConsole.Domain.Data;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace CheckoutConsole.Tests.Api.Hardening;

/// <summary>
/// Findings 6, 8 and 9 of #14: sign-out, a password change and a user's removal end sign-ins on the
/// server; known and unknown usernames cost the same work; the sign-in and sign-out forms need the
/// antiforgery token.
/// </summary>
public sealed class SignInSecurityTests(ITestOutputHelper output)
{
    private const string Client = "192.0.2.50";

    [Fact]
    public async Task SignOut_CapturedCookie_NoLongerOpensTheAdminConsole()
    {
        await using var factory = await StartAsync();
        var captured = await SignInAsync(factory, DemoData.Admin);
        Assert.Equal(200, await GetStatusAsync(factory, "/admin", captured));
        var form = await SignInForm.GetAsync(factory, captured);

        var signOut = await form.PostAsync(factory, Client, "", "", path: "/account/signout");

        Assert.Equal(302, signOut.Status);
        Assert.Equal(302, await GetStatusAsync(factory, "/admin", captured));
    }

    [Fact]
    public async Task SignOut_AnOpenConsolePage_LosesItsUserAtItsNextRevalidation()
    {
        await using var factory = await StartAsync();
        var sessions = factory.Services.GetRequiredService<SignInSessions>();
        User admin;
        await using (var db = factory.NewContext())
        {
            admin = await db.Users.AsNoTracking().SingleAsync(u => u.Username == DemoData.Admin);
        }

        var session = await sessions.StartAsync(admin);
        var openPage = ConsoleAuthentication.CreatePrincipal(admin, session.Id);
        await using var circuit = factory.Services.CreateAsyncScope();
        var revalidation = Assert.IsType<SessionRevalidation>(circuit.ServiceProvider.GetRequiredService<AuthenticationStateProvider>());

        var before = await revalidation.StillSignedInAsync(openPage);
        await sessions.EndAsync(session.Id); // the sign-out form, in another tab or on another instance
        var after = await revalidation.StillSignedInAsync(openPage);

        Assert.True(before);
        Assert.False(after);
        Assert.Equal(TimeSpan.FromSeconds(30), SessionRevalidation.Interval);
    }

    [Fact]
    public async Task PasswordChange_EndsTheUsersConsoleSignInsAndApiTokens()
    {
        await using var factory = await StartAsync();
        var cookie = await SignInAsync(factory, DemoData.Admin);
        var api = await factory.LoginAsync(DemoData.Admin);

        await ChangeAsync(factory, DemoData.Admin, user => user.ChangePassword("a-new-admin-password"));

        Assert.Equal(302, await GetStatusAsync(factory, "/admin", cookie));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.QueryAsync("SELECT Id FROM WebStore")).Status);
        var again = await LoginThrottleTests.LoginAsync(factory, Client, DemoData.Admin, "a-new-admin-password");
        Assert.Equal(200, again.Status);
    }

    [Fact]
    public async Task UserRemoved_LosesConsoleAndApiAccessAndCanNotSignInAgain()
    {
        await using var factory = await StartAsync();
        var cookie = await SignInAsync(factory, DemoData.Integrator);
        var api = await factory.LoginAsync(DemoData.Integrator);
        Assert.Equal(HttpStatusCode.OK, (await api.QueryAsync("SELECT Id FROM WebStore")).Status);

        await using (var db = factory.NewContext())
        {
            db.Users.Remove(await db.Users.SingleAsync(u => u.Username == DemoData.Integrator));
            await db.SaveChangesAsync();
        }

        Assert.Equal(302, await GetStatusAsync(factory, "/buyer", cookie));
        Assert.Equal(HttpStatusCode.Unauthorized, (await api.QueryAsync("SELECT Id FROM WebStore")).Status);
        Assert.Equal(400, (await LoginThrottleTests.LoginAsync(factory, Client, DemoData.Integrator, DemoData.Passwords[DemoData.Integrator])).Status);
    }

    [Fact]
    public async Task SignIn_KnownAndUnknownUsernames_CostOnePasswordHashEach()
    {
        await using var factory = await StartAsync();
        var verifier = factory.Services.GetRequiredService<PasswordVerifier>();
        var form = await SignInForm.GetAsync(factory);
        var medians = new Dictionary<string, double>();
        var hashes = new Dictionary<string, long>();

        foreach (var (label, username) in new[] { ("known", DemoData.Bob), ("unknown", "nobody@acme.example") })
        {
            foreach (var (surface, attempt) in new (string, Func<int, Task<int>>)[]
            {
                ("console", async i => (await form.PostAsync(factory, $"198.51.100.{i}", username, "wrong")).Status),
                ("API", async i => (await LoginThrottleTests.LoginAsync(factory, $"203.0.113.{i}", username, "wrong")).Status),
            })
            {
                var before = verifier.Hashes;
                var times = new List<double>();
                for (var i = 1; i <= 9; i++)
                {
                    var watch = Stopwatch.StartNew();
                    Assert.InRange(await attempt(i), 300, 499);
                    times.Add(watch.Elapsed.TotalMilliseconds);
                }

                hashes[$"{surface} {label}"] = verifier.Hashes - before;
                medians[$"{surface} {label}"] = times.Order().ElementAt(times.Count / 2);
            }
        }

        output.WriteLine(string.Join("; ", medians.Select(m => $"{m.Key}: median {m.Value:N1} ms, {hashes[m.Key]} hashes for 9 attempts")));
        Assert.All(hashes.Values, h => Assert.Equal(9, h));
    }

    [Fact]
    public async Task SignIn_PostedWithoutTheFormsTokenFromAnotherSite_SignsNobodyIn()
    {
        await using var factory = await StartAsync();
        var form = await SignInForm.GetAsync(factory);

        var forged = await form.PostAsync(factory, Client, DemoData.Admin, DemoData.Passwords[DemoData.Admin], withToken: false, origin: "https://evil.example");
        var forgedCookies = form.SetCookies;
        var genuine = await form.PostAsync(factory, Client, DemoData.Admin, DemoData.Passwords[DemoData.Admin]);

        Assert.Equal(302, forged.Status);
        Assert.StartsWith("/signin?error=form", forged.Location);
        Assert.DoesNotContain(forgedCookies, c => c.StartsWith("CheckoutConsole.Auth=", StringComparison.Ordinal));
        Assert.Equal("/buyer", genuine.Location);
        Assert.Contains(form.SetCookies, c => c.StartsWith("CheckoutConsole.Auth=", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignOut_PostedWithoutTheFormsToken_LeavesTheSessionAsItWas()
    {
        await using var factory = await StartAsync();
        var cookie = await SignInAsync(factory, DemoData.Admin);
        var form = await SignInForm.GetAsync(factory, cookie);

        await form.PostAsync(factory, Client, "", "", withToken: false, origin: "https://evil.example", path: "/account/signout");

        Assert.Equal(200, await GetStatusAsync(factory, "/admin", cookie));
    }

    private static async Task<ApiFactory> StartAsync()
    {
        var factory = new ApiFactory();
        await factory.InitializeAsync();
        return factory;
    }

    /// <summary>Signs in through the form and returns the cookies a browser would then send (antiforgery and auth).</summary>
    private static async Task<string> SignInAsync(ApiFactory factory, string username)
    {
        var form = await SignInForm.GetAsync(factory);
        var answer = await form.PostAsync(factory, Client, username, DemoData.Passwords[username]);
        Assert.Equal("/buyer", answer.Location);
        var auth = form.SetCookies.Single(c => c.StartsWith("CheckoutConsole.Auth=", StringComparison.Ordinal)).Split(';')[0];
        return $"{form.Cookie}; {auth}";
    }

    private static async Task<int> GetStatusAsync(ApiFactory factory, string path, string cookie)
    {
        var context = await factory.Server.SendAsync(c =>
        {
            c.Request.Method = HttpMethods.Get;
            c.Request.Path = path;
            c.Request.Headers.Cookie = cookie;
        });
        return context.Response.StatusCode;
    }

    private static async Task ChangeAsync(ApiFactory factory, string username, Action<User> change)
    {
        await using var db = factory.NewContext();
        change(await db.Users.SingleAsync(u => u.Username == username));
        await db.SaveChangesAsync();
    }
}
