using System.Diagnostics;
using System.Net;
using System.Text.Json;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Tests.Api;
using CheckoutConsole.Tests.Durable;

namespace CheckoutConsole.Tests.Team;

/// <summary>
/// Team mode: what the control API sets on one instance (faults, live settings, the clock, a reset)
/// holds on the other too, within a second or so. Each test starts from the demo world, loaded afresh.
/// </summary>
[Collection(ConsoleProcess.Collection)]
public sealed class TeamEmulatorStateTests(EvenTeamPair pair) : IClassFixture<EvenTeamPair>, IAsyncLifetime
{
    private const string Control = "/emulator/v1";
    private static readonly TimeSpan HeardWithin = TimeSpan.FromSeconds(10);

    private const string TeamScenario = """
        {
          "stores": [{ "name": "Team Store", "checkoutTimeToLive": 60 }],
          "accounts": [{ "name": "Team Co", "buyerStatus": "Active" }],
          "memberships": [{ "store": "Team Store", "account": "Team Co" }],
          "users": [
            { "username": "buyer@team.example", "name": "Team Buyer", "password": "team-pw", "permissions": ["B2BBuyer"], "account": "Team Co" },
            { "username": "admin@console.example", "name": "Team Admin", "password": "admin-demo", "permissions": ["ModifyAllData"] }
          ],
          "products": [{ "sku": "TEAM-1", "name": "Team widget", "listPrice": 5, "stockQuantity": 10 }],
          "carts": [{ "name": "Team cart", "store": "Team Store", "account": "Team Co", "owner": "buyer@team.example", "lines": [{ "sku": "TEAM-1", "quantity": 1 }] }]
        }
        """;

    private SalesforceClient _adminA = default!;
    private SalesforceClient _adminB = default!;

    public async Task InitializeAsync()
    {
        _adminA = await ConsoleFlow.LoginAsync(pair.A, DemoData.Admin);
        _adminB = new SalesforceClient(pair.B.Http, await SalesforceClient.RequestTokenAsync(pair.B.Http, DemoData.Admin, DemoData.Passwords[DemoData.Admin]));
        // The demo world (and the one resets return to), whatever a test before loaded.
        Assert.Equal(HttpStatusCode.NoContent, (await _adminA.SendAsync(HttpMethod.Put, $"{Control}/scenario", DemoData.ScenarioJson)).Status);
        var settingsOnA = (await _adminA.GetAsync($"{Control}/settings")).Json.GetRawText();
        await WaitUntilAsync(_adminB, "/faults", f => !f.GetProperty("failSessionCreation").GetBoolean() && !f.GetProperty("failNextTasks").EnumerateObject().Any(),
            "B to hear of the reset's cleared faults");
        await WaitUntilAsync(_adminB, "/clock", c => c.GetProperty("isWallClock").GetBoolean(), "B to hear of the reset's wall clock");
        await WaitUntilAsync(_adminB, "/settings", s => s.GetRawText() == settingsOnA, "B to hear of the reset's configured settings");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Fault_SetOnA_FailsTheNextSessionCreationOnB()
    {
        var onB = await ConsoleFlow.LoginAsync(pair.B, DemoData.Alice);
        var cartId = await CartIdAsync(onB, "Alice's office restock");

        var set = await _adminA.SendAsync(HttpMethod.Put, $"{Control}/faults", """{"failSessionCreation": true}""");
        await WaitUntilAsync(_adminB, "/faults", f => f.GetProperty("failSessionCreation").GetBoolean(), "B to show the fault set on A");
        var refused = await onB.InvokeAsync("checkoutSessionAction", new { cartId });
        var cleared = await _adminB.SendAsync(HttpMethod.Delete, $"{Control}/faults", null);
        await WaitUntilAsync(_adminA, "/faults", f => !f.GetProperty("failSessionCreation").GetBoolean(), "A to show the faults cleared on B");
        var created = await new SalesforceClient(pair.A.Http, onB.Token).InvokeAsync("checkoutSessionAction", new { cartId });

        Assert.Equal(HttpStatusCode.OK, set.Status);
        // SPEC §5.1: the session couldn't be created (fault injected) → UNKNOWN_EXCEPTION 500.
        Assert.Equal((HttpStatusCode.InternalServerError, "UNKNOWN_EXCEPTION"), (refused.Status, refused.ActionErrorCode()));
        Assert.Equal(HttpStatusCode.NoContent, cleared.Status);
        Assert.Equal(HttpStatusCode.OK, created.Status);
    }

    [Fact]
    public async Task OneShotFault_ArmedOnce_FiresOnceAcrossBothInstancesUnderConcurrentTasks()
    {
        const int carts = 8;
        var onA = await ConsoleFlow.LoginAsync(pair.A, DemoData.Alice);
        var onB = new SalesforceClient(pair.B.Http, onA.Token);
        var sessions = new List<(string CartId, string SessionId)>();
        for (var i = 0; i < carts; i++)
        {
            sessions.Add(await CartAtInventoryAsync(i % 2 == 0 ? onA : onB));
        }

        await _adminA.SendAsync(HttpMethod.Put, $"{Control}/faults", """{"failNextTasks": {"Inventory": 1}}""");
        await WaitUntilAsync(_adminB, "/faults", f => f.GetProperty("failNextTasks").TryGetProperty("Inventory", out var n) && n.GetInt32() == 1,
            "B to show the fault armed on A");
        using var gate = new ManualResetEventSlim(false);
        var pending = sessions.Select((s, i) => Task.Run(async () =>
        {
            gate.Wait();
            return await (i % 2 == 0 ? onA : onB).InvokeAsync("checkCartInventoryAction", new { cartId = s.CartId, runAsync = false });
        })).ToList();
        gate.Set();
        var results = await Task.WhenAll(pending);
        var states = new List<string>();
        foreach (var (_, sessionId) in sessions)
        {
            states.Add(await ConsoleFlow.CurrentStateAsync(onA, sessionId));
        }

        var faultsOnA = (await _adminA.GetAsync($"{Control}/faults")).Json;

        // SPEC §3: a failed task puts its session in Error; the others go on to Confirm Price.
        Assert.True(states.Count(s => s == "Error") == 1, $"expected one session in Error, found {string.Join(", ", states)}; answers: {string.Join(" ", results.Select(r => r.Status))}");
        Assert.Equal(carts - 1, states.Count(s => s == "Confirm Price"));
        Assert.Empty(faultsOnA.GetProperty("failNextTasks").EnumerateObject());
        await WaitUntilAsync(_adminB, "/faults", f => !f.GetProperty("failNextTasks").EnumerateObject().Any(), "B to show the fault used up");
    }

    [Fact]
    public async Task Settings_PatchedOnA_AreReadBackOnB()
    {
        var patch = await _adminA.SendAsync(HttpMethod.Patch, $"{Control}/settings", """{"taxRate": 0.125, "taskLatencyByType": {"Pricing": 250}}""");

        var onB = await WaitUntilAsync(_adminB, "/settings", s => s.GetProperty("taxRate").GetDecimal() == 0.125m, "B to show the tax rate patched on A");

        Assert.Equal(HttpStatusCode.OK, patch.Status);
        Assert.Equal(250, onB.GetProperty("taskLatencyByType").GetProperty("Pricing").GetInt32());
        Assert.Equal(0, onB.GetProperty("taskLatencyMs").GetInt32()); // as both were started: --Checkout:TaskLatencyMs=0
    }

    [Fact]
    public async Task Clock_AdvancedOnA_ShowsTheSameTimeOnB()
    {
        var moved = await _adminA.SendAsync(HttpMethod.Post, $"{Control}/clock", """{"advanceMinutes": 90}""");

        var onB = await WaitUntilAsync(_adminB, "/clock", c => !c.GetProperty("isWallClock").GetBoolean(), "B to show the clock moved on A");
        var onA = (await _adminA.GetAsync($"{Control}/clock")).Json;

        Assert.Equal(HttpStatusCode.OK, moved.Status);
        var aheadOnB = Ahead(onB);
        Assert.True(Math.Abs((aheadOnB - TimeSpan.FromMinutes(90)).TotalSeconds) < 1, $"expected B 90 min ahead of the wall clock, found {aheadOnB}");
        Assert.True(Math.Abs((Ahead(onA) - aheadOnB).TotalSeconds) < 1, $"expected A and B equally far ahead, found {Ahead(onA)} and {aheadOnB}");
    }

    [Fact]
    public async Task Reset_OnA_ClearsFaultsSettingsAndClockOnBAndBShowsTheDemoData()
    {
        var configured = (await _adminB.GetAsync($"{Control}/settings")).Json.GetRawText();
        var alice = await ConsoleFlow.LoginAsync(pair.B, DemoData.Alice);
        var cartId = await CartIdAsync(alice, "Alice's office restock");
        Assert.Equal(HttpStatusCode.OK, (await alice.InvokeAsync("checkoutSessionAction", new { cartId })).Status);
        await _adminA.SendAsync(HttpMethod.Put, $"{Control}/faults", """{"failSessionCreation": true, "taskDelayMs": 1000, "failNextTasks": {"Pricing": 2}}""");
        await _adminA.SendAsync(HttpMethod.Patch, $"{Control}/settings", """{"taxRate": 0.3}""");
        await _adminA.SendAsync(HttpMethod.Post, $"{Control}/clock", """{"advanceMinutes": 60}""");
        await WaitUntilAsync(_adminB, "/clock", c => !c.GetProperty("isWallClock").GetBoolean(), "B to show the clock moved on A");

        var reset = await _adminA.SendAsync(HttpMethod.Post, $"{Control}/reset", null);

        var faults = await WaitUntilAsync(_adminB, "/faults", f => !f.GetProperty("failSessionCreation").GetBoolean(), "B to show the faults cleared by A's reset");
        var clock = await WaitUntilAsync(_adminB, "/clock", c => c.GetProperty("isWallClock").GetBoolean(), "B to show the wall clock after A's reset");
        var settings = (await _adminB.GetAsync($"{Control}/settings")).Json.GetRawText();
        var cartsOnB = (await _adminB.QueryAsync("SELECT Name, Status FROM WebCart")).Json.GetProperty("records").EnumerateArray().ToList();
        var sessionsOnB = (await _adminB.QueryAsync("SELECT Id FROM CartCheckoutSession")).Json.GetProperty("totalSize").GetInt32();
        var createdOnB = await new SalesforceClient(pair.B.Http, alice.Token).InvokeAsync("checkoutSessionAction", new { cartId });

        Assert.Equal(HttpStatusCode.NoContent, reset.Status);
        Assert.Equal(0, faults.GetProperty("taskDelayMs").GetInt32());
        Assert.Empty(faults.GetProperty("failNextTasks").EnumerateObject());
        Assert.True(clock.GetProperty("isWallClock").GetBoolean());
        Assert.Equal(configured, settings);
        // SPEC §7: six demo carts, every one Active, and no checkout session.
        Assert.Equal(6, cartsOnB.Count);
        Assert.All(cartsOnB, c => Assert.Equal("Active", c.GetProperty("Status").GetString()));
        Assert.Equal(0, sessionsOnB);
        Assert.Equal(HttpStatusCode.OK, createdOnB.Status);
    }

    [Fact]
    public async Task Scenario_LoadedOnA_IsTheWorldAResetOnBReturnsTo()
    {
        var loaded = await _adminA.SendAsync(HttpMethod.Put, $"{Control}/scenario", TeamScenario);
        var cartsBefore = await CartNamesAsync(_adminB);

        var reset = await _adminB.SendAsync(HttpMethod.Post, $"{Control}/reset", null);
        var cartsOnB = await CartNamesAsync(_adminB);
        var cartsOnA = await CartNamesAsync(_adminA);

        Assert.Equal(HttpStatusCode.NoContent, loaded.Status);
        Assert.Equal(["Team cart"], cartsBefore);
        Assert.Equal(HttpStatusCode.NoContent, reset.Status);
        Assert.Equal(["Team cart"], cartsOnB);
        Assert.Equal(["Team cart"], cartsOnA);
    }

    private static async Task<List<string>> CartNamesAsync(SalesforceClient admin) =>
        [.. (await admin.QueryAsync("SELECT Name FROM WebCart ORDER BY Name")).Json.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Name").GetString()!)];

    private static TimeSpan Ahead(JsonElement clock) =>
        clock.GetProperty("now").GetDateTimeOffset() - clock.GetProperty("wallClock").GetDateTimeOffset();

    /// <summary>A new cart of Alice's in the Acme store with one line, its session in Inventory waiting for the task.</summary>
    private static async Task<(string CartId, string SessionId)> CartAtInventoryAsync(SalesforceClient client)
    {
        var storeId = (await client.QueryAsync("SELECT WebStoreId FROM WebCart WHERE Name = 'Alice\\'s office restock'")).Json
            .GetProperty("records")[0].GetProperty("WebStoreId").GetString();
        var productId = (await client.QueryAsync("SELECT Id FROM Product2 WHERE StockQuantity >= 10 LIMIT 1")).Json
            .GetProperty("records")[0].GetProperty("Id").GetString();
        var carts = $"{SalesforceClient.Data}/commerce/webstores/{storeId}/carts";
        var cartId = (await client.PostAsync(carts, new { })).Json.GetProperty("cartId").GetString()!;
        var line = await client.PostAsync($"{carts}/{cartId}/cart-items", new { productId, quantity = 1, type = "Product" });
        Assert.Equal(HttpStatusCode.Created, line.Status);
        var sessionId = (await client.InvokeAsync("checkoutSessionAction", new { cartId })).Output("requestId")!;
        foreach (var (from, to) in new[] { ("Start", "Inventory"), ("Inventory", "Confirm Price") })
        {
            var update = await client.InvokeAsync("updateCheckoutSessionStateAction", new { checkoutSessionId = sessionId, expCurrentState = from, nextState = to });
            Assert.True(update.Status == HttpStatusCode.OK, update.Text);
        }

        return (cartId, sessionId);
    }

    private static async Task<string> CartIdAsync(SalesforceClient client, string name) =>
        (await client.QueryAsync($"SELECT Id FROM WebCart WHERE Name = '{name.Replace("'", "\\'", StringComparison.Ordinal)}'"))
            .Json.GetProperty("records")[0].GetProperty("Id").GetString()!;

    /// <summary>Reads a control resource on one instance until it shows what another instance set.</summary>
    private static async Task<JsonElement> WaitUntilAsync(SalesforceClient client, string resource, Func<JsonElement, bool> condition, string what)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var response = await client.GetAsync($"{Control}{resource}");
            if (response.Status == HttpStatusCode.OK && condition(response.Json))
            {
                return response.Json;
            }

            if (waited.Elapsed > HeardWithin)
            {
                Assert.Fail($"Waited {HeardWithin.TotalSeconds:0} s for {what}; {resource} still answers {response.Status}: {response.Text}");
            }

            await Task.Delay(50);
        }
    }
}
