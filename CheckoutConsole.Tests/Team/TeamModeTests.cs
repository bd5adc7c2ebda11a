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
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var toA = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(pair.A.BaseUrl) };
        using var toB = new HttpClient(handler, disposeHandler: false) { BaseAddress = new Uri(pair.B.BaseUrl) };

        using var signIn = await toA.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["username"] = DemoData.Alice,
            ["password"] = DemoData.Passwords[DemoData.Alice],
            ["returnUrl"] = "/buyer",
        }));
        var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("CheckoutConsole.Auth=", StringComparison.Ordinal)).Split(';')[0];
        using var request = new HttpRequestMessage(HttpMethod.Get, "/buyer");
        request.Headers.Add("Cookie", cookie);
        using var onB = await toB.SendAsync(request);
        using var anonymous = await toB.GetAsync("/buyer");

        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, onB.StatusCode);
        Assert.Contains("Alice Adams", await onB.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode); // B does ask who you are without the cookie
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

        var cancel = await onB.InvokeAsync("cancelCartAsyncOperation", new { cartId });
        // A's task (SlowInventoryMs) ends after the cancel and must change nothing.
        await Task.Delay(TeamPair.SlowInventoryMs + 2000);
        var operation = (await onA.GetRecordAsync("BackgroundOperation", operationId)).Json;
        var session = (await onA.GetRecordAsync("CartCheckoutSession", sessionId)).Json;
        var cart = (await onA.GetRecordAsync("WebCart", cartId)).Json;

        Assert.Equal(HttpStatusCode.OK, cancel.Status);
        Assert.Equal(OperationStatuses.Canceled, operation.GetProperty("Status").GetString());
        Assert.True(session.GetProperty("IsArchived").GetBoolean());
        Assert.Equal(CheckoutFlow.Inventory, session.GetProperty("State").GetString());
        Assert.Equal("Active", cart.GetProperty("Status").GetString());
    }

    private static async Task<string> CartIdAsync(SalesforceClient client, string name) =>
        (await client.QueryAsync($"SELECT Id FROM WebCart WHERE Name = '{name.Replace("'", "\\'", StringComparison.Ordinal)}'"))
            .Json.GetProperty("records")[0].GetProperty("Id").GetString()!;
}
