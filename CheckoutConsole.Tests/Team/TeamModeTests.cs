using System.Net;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Tests.Api;
using CheckoutConsole.Tests.Durable;

namespace CheckoutConsole.Tests.Team;

/// <summary>
/// Team mode: two console processes on one PostgreSQL database behave as one emulator. Each test
/// works on its own demo cart, so they share the pair without touching each other's data.
/// </summary>
[Collection(ConsoleProcess.Collection)]
public sealed class TeamModeTests(TeamPair pair) : IClassFixture<TeamPair>
{
    [Fact]
    public async Task Start_TwoInstancesAtOnceOnAnEmptyDatabase_MigrateOnceAndLoadTheDemoDataOnce()
    {
        var users = await pair.CountAsync("""SELECT COUNT(*) FROM "Users" """);
        var stores = await pair.CountAsync("""SELECT COUNT(*) FROM "WebStores" """);
        var migrations = await pair.CountAsync("""SELECT COUNT(*) FROM "__EFMigrationsHistory" """);
        var distinctMigrations = await pair.CountAsync("""SELECT COUNT(DISTINCT "MigrationId") FROM "__EFMigrationsHistory" """);

        Assert.Equal(6, users); // SPEC §7: six demo users
        Assert.Equal(2, stores); // Acme B2B Store and Globex Store
        Assert.True(migrations >= 2, $"expected the PostgreSQL migrations to be applied, found {migrations}");
        Assert.Equal(distinctMigrations, migrations);
    }

    [Fact]
    public async Task Token_IssuedByOneInstance_IsAcceptedByTheOtherAndRevokedOnBoth()
    {
        var token = await SalesforceClient.RequestTokenAsync(pair.A.Http, DemoData.Alice, DemoData.Passwords[DemoData.Alice]);
        var onB = new SalesforceClient(pair.B.Http, token);
        var onA = new SalesforceClient(pair.A.Http, token);

        var acceptedByB = await onB.QueryAsync("SELECT Id FROM WebCart");
        using var revoke = await pair.B.Http.PostAsync("/services/oauth2/revoke", new FormUrlEncodedContent(new Dictionary<string, string> { ["token"] = token }));
        var afterRevokeOnA = await onA.QueryAsync("SELECT Id FROM WebCart");
        var afterRevokeOnB = await onB.QueryAsync("SELECT Id FROM WebCart");

        Assert.Equal(HttpStatusCode.OK, acceptedByB.Status);
        Assert.Equal(HttpStatusCode.OK, revoke.StatusCode);
        Assert.Equal((HttpStatusCode.Unauthorized, "INVALID_SESSION_ID"), (afterRevokeOnA.Status, afterRevokeOnA.ErrorCode));
        Assert.Equal((HttpStatusCode.Unauthorized, "INVALID_SESSION_ID"), (afterRevokeOnB.Status, afterRevokeOnB.ErrorCode));
    }

    [Fact]
    public async Task ConsoleCookie_SignedInOnOneInstance_IsAcceptedByTheOther()
    {
        var cookie = await SignInAsync(pair.A, DemoData.Alice);

        var onB = await GetAsync(pair.B, "/buyer", cookie);
        var anonymous = await GetAsync(pair.B, "/buyer", null);

        Assert.Equal(HttpStatusCode.OK, onB.Status);
        Assert.Contains("Alice Adams", onB.Body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.Status); // B does ask who you are without the cookie
    }

    [Fact]
    public async Task ConsoleSignOut_OnOneInstance_EndsTheSessionOnTheOther()
    {
        var cookie = await SignInAsync(pair.A, DemoData.Bob);
        var beforeOnA = await GetAsync(pair.A, "/buyer", cookie);
        var (antiforgeryCookie, token) = await FormTokenAsync(pair.B, cookie);

        var authCookie = cookie.Split("; ").Single(c => c.StartsWith("CheckoutConsole.Auth=", StringComparison.Ordinal));
        using var signOut = await PostFormAsync(pair.B, "/account/signout", $"{authCookie}; {antiforgeryCookie}",
            new Dictionary<string, string> { ["__RequestVerificationToken"] = token });
        var afterOnA = await GetAsync(pair.A, "/buyer", cookie);
        var afterOnB = await GetAsync(pair.B, "/buyer", cookie);

        Assert.Equal(HttpStatusCode.OK, beforeOnA.Status);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, afterOnA.Status); // the captured cookie no longer signs in anywhere
        Assert.Equal(HttpStatusCode.Redirect, afterOnB.Status);
    }

    [Fact]
    public async Task LoginFailures_OnOneInstance_ThrottleTheSameUsernameAndClientOnTheOther()
    {
        // An unknown username, so no other test's logins share the pair (username, 127.0.0.1).
        const string guessed = "team-guesser@example.com";
        using var onA = await PostTokenAsync(pair.A, guessed, "wrong-password-1");
        using var onB = await PostTokenAsync(pair.B, guessed, "wrong-password-2");
        var recorded = await pair.CountAsync("""SELECT COUNT(*) FROM "LoginFailures" WHERE "Key" LIKE 'team-guesser@example.com|%'""");

        Assert.Equal(HttpStatusCode.BadRequest, onA.StatusCode);
        Assert.Contains("invalid_grant", await onA.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // A's failure makes the pair wait LoginDelayMs (8 s) wherever it tries next: B refuses at once.
        Assert.Equal(HttpStatusCode.TooManyRequests, onB.StatusCode);
        Assert.Contains("rate_limit_exceeded", await onB.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(onB.Headers.RetryAfter?.Delta is { } wait && wait > TimeSpan.Zero && wait <= TimeSpan.FromMilliseconds(TeamPair.LoginDelayMs),
            $"expected Retry-After between 1 s and {TeamPair.LoginDelayMs} ms, found {onB.Headers.RetryAfter}");
        Assert.Equal(1, recorded);
    }

    [Fact]
    public async Task UpdateCheckoutSession_ConcurrentCallsSpreadOverBothInstances_ExactlyOneWinsTheRestConflict()
    {
        const int calls = 40;
        var onA = await ConsoleFlow.LoginAsync(pair.A);
        var onB = new SalesforceClient(pair.B.Http, onA.Token);
        var cartId = await CartIdAsync(onA, "Alice's office restock");
        var sessionId = (await onA.InvokeAsync("checkoutSessionAction", new { cartId })).Output("requestId")!;

        using var gate = new ManualResetEventSlim(false);
        var pending = Enumerable.Range(0, calls).Select(i => Task.Run(async () =>
        {
            gate.Wait();
            return await (i % 2 == 0 ? onA : onB).InvokeAsync("updateCheckoutSessionStateAction",
                new { checkoutSessionId = sessionId, expCurrentState = CheckoutFlow.Start, nextState = CheckoutFlow.Inventory });
        })).ToList();

        gate.Set();
        var results = await Task.WhenAll(pending);

        Assert.Single(results, r => r.Status == HttpStatusCode.OK);
        Assert.All(results.Where(r => r.Status != HttpStatusCode.OK), r =>
            Assert.Equal((HttpStatusCode.Conflict, "CHECKOUT_CONFLICT"), (r.Status, r.ActionErrorCode())));
        Assert.Equal(CheckoutFlow.Inventory, await ConsoleFlow.CurrentStateAsync(onB, sessionId));
    }

    [Fact]
    public async Task CartToOrder_OnBothInstancesAtOnce_CreatesOneOrder()
    {
        var onB = await ConsoleFlow.LoginAsync(pair.B);
        var onA = new SalesforceClient(pair.A.Http, onB.Token);
        var cartId = await CartIdAsync(onB, "Bob's desk setup");
        var sessionId = (await onB.InvokeAsync("checkoutSessionAction", new { cartId })).Output("requestId")!;
        await ConsoleFlow.StepThroughAsync(onB, cartId, sessionId, until: CheckoutFlow.CartToOrder);
        Assert.Equal(HttpStatusCode.OK, (await onB.InvokeAsync("updateCheckoutSessionStateAction",
            new { checkoutSessionId = sessionId, expCurrentState = CheckoutFlow.CartToOrder, nextState = CheckoutFlow.AuthorizePayment })).Status);

        var both = await Task.WhenAll(
            onA.InvokeAsync("cartToOrderAction", new { cartId, runAsync = false }),
            onB.InvokeAsync("cartToOrderAction", new { cartId, runAsync = false }));

        Assert.Contains(both, r => r.Status == HttpStatusCode.OK);
        Assert.Equal(1, await pair.CountAsync($"""SELECT COUNT(*) FROM "Orders" WHERE "CheckoutSessionId" = '{sessionId}'"""));
        await ConsoleFlow.WaitForAsync(onA, "CartCheckoutSession", sessionId, r => r.GetProperty("State").GetString() == CheckoutFlow.AuthorizePayment);
    }

    [Fact]
    public async Task Cancel_OnOneInstance_WinsOverATaskRunningOnTheOther()
    {
        var onA = await ConsoleFlow.LoginAsync(pair.A);
        var onB = new SalesforceClient(pair.B.Http, onA.Token);
        var cartId = await CartIdAsync(onA, "Initech supplies");
        var sessionId = (await onA.InvokeAsync("checkoutSessionAction", new { cartId })).Output("requestId")!;
        await onA.InvokeAsync("updateCheckoutSessionStateAction", new { checkoutSessionId = sessionId, expCurrentState = CheckoutFlow.Start, nextState = CheckoutFlow.Inventory });
        await onA.InvokeAsync("updateCheckoutSessionStateAction", new { checkoutSessionId = sessionId, expCurrentState = CheckoutFlow.Inventory, nextState = CheckoutFlow.ConfirmPrice });
        var operationId = (await onA.InvokeAsync("checkCartInventoryAction", new { cartId })).Output("backgroundOperationId")!;
        await ConsoleFlow.WaitForAsync(onB, "BackgroundOperation", operationId, r => r.GetProperty("Status").GetString() == OperationStatuses.Running);
        var running = System.Diagnostics.Stopwatch.StartNew();

        var cancel = await onB.InvokeAsync("cancelCartAsyncOperation", new { cartId });
        // A's task (SlowInventoryMs) ends after the cancel and must change nothing: wait until it has.
        var taskOver = TimeSpan.FromMilliseconds(TeamPair.SlowInventoryMs + 2000) - running.Elapsed;
        if (taskOver > TimeSpan.Zero)
        {
            await Task.Delay(taskOver);
        }

        var operation = (await onA.GetRecordAsync("BackgroundOperation", operationId)).Json;
        var session = (await onA.GetRecordAsync("CartCheckoutSession", sessionId)).Json;
        var cart = (await onA.GetRecordAsync("WebCart", cartId)).Json;

        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        Assert.Equal(OperationStatuses.Canceled, operation.GetProperty("Status").GetString());
        Assert.True(session.GetProperty("IsArchived").GetBoolean());
        Assert.Equal(CheckoutFlow.Inventory, session.GetProperty("State").GetString());
        Assert.Equal("Active", cart.GetProperty("Status").GetString());
    }

    [Fact]
    public async Task CreateCart_ManyAtOnceOnBothInstances_EachGetsItsOwnIdFromTheDatabasesSequence()
    {
        const int carts = 24;
        var onA = await ConsoleFlow.LoginAsync(pair.A, DemoData.Alice);
        var onB = new SalesforceClient(pair.B.Http, onA.Token);
        var storeId = (await onA.GetRecordAsync("WebCart", await CartIdAsync(onA, "Alice's office restock"))).Json.GetProperty("WebStoreId").GetString();
        var before = await pair.CountAsync("""SELECT COUNT(*) FROM "Carts" """);

        using var gate = new ManualResetEventSlim(false);
        var pending = Enumerable.Range(0, carts).Select(i => Task.Run(async () =>
        {
            gate.Wait();
            return await (i % 2 == 0 ? onA : onB).PostAsync($"{SalesforceClient.Data}/commerce/webstores/{storeId}/carts", new { });
        })).ToList();
        gate.Set();
        var created = await Task.WhenAll(pending);

        Assert.All(created, r => Assert.Equal(HttpStatusCode.Created, r.Status));
        var ids = created.Select(r => r.Json.GetProperty("cartId").GetString()!).ToList();
        Assert.Equal(carts, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(before + carts, await pair.CountAsync("""SELECT COUNT(*) FROM "Carts" """));
        // Sequence numbers (12 base-62 digits after the prefix) after the demo data's six carts, none used twice.
        Assert.All(ids, id => Assert.True(SequenceNumber(id) > 6, $"{id} reuses a number of the demo data"));
    }

    [Fact]
    public async Task Reset_OnOneInstance_BothContinueTheRestartedSequencesAfterTheDemoData()
    {
        var admin = await ConsoleFlow.LoginAsync(pair.A, DemoData.Admin);
        var reset = await admin.SendAsync(HttpMethod.Post, "/emulator/v1/reset", null);
        var onB = await ConsoleFlow.LoginAsync(pair.B, DemoData.Alice);
        var onA = new SalesforceClient(pair.A.Http, onB.Token);
        var storeId = (await onB.GetRecordAsync("WebCart", await CartIdAsync(onB, "Alice's office restock"))).Json.GetProperty("WebStoreId").GetString();

        var first = await onB.PostAsync($"{SalesforceClient.Data}/commerce/webstores/{storeId}/carts", new { });
        var second = await onA.PostAsync($"{SalesforceClient.Data}/commerce/webstores/{storeId}/carts", new { });

        Assert.Equal(HttpStatusCode.NoContent, reset.Status);
        Assert.Equal((HttpStatusCode.Created, HttpStatusCode.Created), (first.Status, second.Status));
        // The demo data has six carts: after a reset the next two are the seventh and the eighth, whichever instance makes them.
        Assert.Equal([7L, 8L], new[] { first, second }.Select(r => SequenceNumber(r.Json.GetProperty("cartId").GetString()!)));
        Assert.Equal(8, await pair.CountAsync("""SELECT COUNT(*) FROM "Carts" """));
    }

    private static long SequenceNumber(string id) =>
        id[3..15].Aggregate(0L, (n, c) => n * 62 + "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz".IndexOf(c, StringComparison.Ordinal));

    private static async Task<string> CartIdAsync(SalesforceClient client, string name) =>
        (await client.QueryAsync($"SELECT Id FROM WebCart WHERE Name = '{name.Replace("'", "\\'", StringComparison.Ordinal)}'"))
            .Json.GetProperty("records")[0].GetProperty("Id").GetString()!;

    private sealed record Page(HttpStatusCode Status, string Body);

    private static HttpClient ClientFor(ConsoleProcess instance) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(instance.BaseUrl), Timeout = TimeSpan.FromSeconds(60) };

    private static async Task<Page> GetAsync(ConsoleProcess instance, string path, string? cookie)
    {
        using var http = ClientFor(instance);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await http.SendAsync(request);
        return new Page(response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The sign-in page's antiforgery cookie and form token (for the browser <paramref name="cookie"/> stands for, if any).</summary>
    private static async Task<(string Cookie, string Token)> FormTokenAsync(ConsoleProcess instance, string? cookie)
    {
        using var http = ClientFor(instance);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/signin");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }

        using var response = await http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();
        // A browser that has the antiforgery cookie already keeps it; a new one is given it.
        var antiforgery = (response.Headers.TryGetValues("Set-Cookie", out var set) ? set : [])
            .Concat((cookie ?? "").Split("; "))
            .First(c => c.StartsWith(".AspNetCore.Antiforgery.", StringComparison.Ordinal)).Split(';')[0];
        var token = System.Text.RegularExpressions.Regex.Match(html, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"").Groups[1].Value;
        return (antiforgery, WebUtility.HtmlDecode(token));
    }

    private static async Task<HttpResponseMessage> PostFormAsync(ConsoleProcess instance, string path, string cookie, Dictionary<string, string> fields)
    {
        using var http = ClientFor(instance);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Cookie", cookie);
        return await http.SendAsync(request);
    }

    /// <summary>Signs in through the form on <paramref name="instance"/>; the cookies a browser then sends.</summary>
    private static async Task<string> SignInAsync(ConsoleProcess instance, string username)
    {
        var (antiforgery, token) = await FormTokenAsync(instance, null);
        using var signIn = await PostFormAsync(instance, "/account/signin", antiforgery, new Dictionary<string, string>
        {
            ["username"] = username,
            ["password"] = DemoData.Passwords[username],
            ["returnUrl"] = "/buyer",
            ["__RequestVerificationToken"] = token,
        });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var auth = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("CheckoutConsole.Auth=", StringComparison.Ordinal)).Split(';')[0];
        return $"{antiforgery}; {auth}";
    }

    private static Task<HttpResponseMessage> PostTokenAsync(ConsoleProcess instance, string username, string password)
    {
        var http = ClientFor(instance);
        return http.PostAsync("/services/oauth2/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "password",
            ["client_id"] = "checkout-console",
            ["client_secret"] = "checkout-console-secret",
            ["username"] = username,
            ["password"] = password,
        }));
    }
}
