using System.Net;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Emulator;
using CheckoutConsole.Domain.Faults;
using Microsoft.Extensions.DependencyInjection;

namespace CheckoutConsole.Tests.Api.Emulator;

/// <summary>
/// /emulator/v1 over HTTP: reset, faults, settings and clock, with bad input and a non-admin token.
/// Every test starts with a reset, the pattern the README advertises.
/// </summary>
public sealed class ControlApiTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private ControlClient _control = default!;

    public async Task InitializeAsync()
    {
        _control = await ControlClient.ForAsync(factory);
        await _control.ResetAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Reset_AfterACheckoutFaultsSettingsAndClock_RestoresTheStartAndKeepsTokens()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);
        var first = await alice.InvokeAsync("checkoutSessionAction", new { cartId = factory.Demo.AliceAcmeCart });
        await _control.SendAsync(HttpMethod.Put, "/faults", """{"failSessionCreation": true}""");
        await _control.SendAsync(HttpMethod.Patch, "/settings", """{"taxRate": 0.2}""");
        await _control.SendAsync(HttpMethod.Post, "/clock", """{"advanceMinutes": 60}""");

        var reset = await _control.SendAsync(HttpMethod.Post, "/reset", null);

        Assert.Equal(HttpStatusCode.NoContent, reset.Status);
        var cart = await alice.GetRecordAsync("WebCart", factory.Demo.AliceAcmeCart);
        Assert.Equal("Active", cart.Json.GetProperty("Status").GetString());
        Assert.Equal(0, (await _control.Admin.QueryAsync("SELECT Id FROM CartCheckoutSession")).Json.GetProperty("totalSize").GetInt32());
        Assert.False((await _control.GetAsync("/faults")).Json.GetProperty("failSessionCreation").GetBoolean());
        Assert.Equal(0.08m, (await _control.GetAsync("/settings")).Json.GetProperty("taxRate").GetDecimal());
        Assert.True((await _control.GetAsync("/clock")).Json.GetProperty("isWallClock").GetBoolean());
        var again = await alice.InvokeAsync("checkoutSessionAction", new { cartId = factory.Demo.AliceAcmeCart });
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(first.Output("requestId"), again.Output("requestId"));
        Assert.Equal("2z9000000000001AAA", again.Output("requestId"));
    }

    [Theory]
    [InlineData("POST", "/reset", null)]
    [InlineData("PUT", "/faults", """{"failSessionCreation": true}""")]
    [InlineData("DELETE", "/faults", null)]
    [InlineData("PATCH", "/settings", """{"taskLatencyMs": 5}""")]
    [InlineData("POST", "/clock", """{"advanceMinutes": 5}""")]
    [InlineData("PUT", "/scenario", """{"stores": []}""")]
    [InlineData("GET", "/faults", null)]
    public async Task AnyEndpoint_BuyerToken_Answers403AndChangesNothing(string method, string path, string? body)
    {
        var alice = await factory.LoginAsync(DemoData.Alice);
        await alice.InvokeAsync("checkoutSessionAction", new { cartId = factory.Demo.AliceAcmeCart });

        var response = await alice.SendAsync(new HttpMethod(method), ControlClient.Root + path, body);

        Assert.Equal(HttpStatusCode.Forbidden, response.Status);
        Assert.Equal("INSUFFICIENT_ACCESS", response.ErrorCode);
        Assert.Contains("ModifyAllData", response.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("Checkout", (await alice.GetRecordAsync("WebCart", factory.Demo.AliceAcmeCart)).Json.GetProperty("Status").GetString());
        Assert.False(factory.Faults.Current.Any);
        Assert.Equal(0, (await _control.GetAsync("/settings")).Json.GetProperty("taskLatencyMs").GetInt32());
        Assert.True((await _control.GetAsync("/clock")).Json.GetProperty("isWallClock").GetBoolean());
    }

    [Fact]
    public async Task AnyEndpoint_NoToken_Answers401()
    {
        var response = await _control.Admin.SendAsync(HttpMethod.Post, ControlClient.Root + "/reset", null, authorization: "");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("INVALID_SESSION_ID", response.ErrorCode);
    }

    [Fact]
    public async Task PutFaults_EveryFault_ShowsInTheAdminFaultStateAndGetAnswersIt()
    {
        var put = await _control.SendAsync(HttpMethod.Put, "/faults",
            """{"failNextTasks": {"Inventory": 2, "Taxes": 1}, "taskDelayMs": 250, "failSessionCreation": true, "failOrderSummaryCreation": true, "createSummaryBeforeActivation": true}""");
        var get = await _control.GetAsync("/faults");

        Assert.Equal(HttpStatusCode.OK, put.Status);
        var state = factory.Faults.Current;
        Assert.Equal(new Dictionary<string, int> { ["Inventory"] = 2, ["Taxes"] = 1 }, state.FailNextTasks);
        Assert.Equal(250, state.TaskDelayMs);
        Assert.True(state.FailSessionCreation && state.FailOrderSummaryCreation && state.CreateSummaryBeforeActivation);
        Assert.Equal(2, get.Json.GetProperty("failNextTasks").GetProperty("Inventory").GetInt32());
        Assert.Equal(250, get.Json.GetProperty("taskDelayMs").GetInt32());
        Assert.True(get.Json.GetProperty("createSummaryBeforeActivation").GetBoolean());
    }

    [Fact]
    public async Task PutFaults_ThenAdminConsoleClears_GetAnswersNone()
    {
        await _control.SendAsync(HttpMethod.Put, "/faults", """{"failNextTasks": {"Pricing": 1}}""");

        await factory.Faults.ClearAllAsync();
        var get = await _control.GetAsync("/faults");

        Assert.Empty(get.Json.GetProperty("failNextTasks").EnumerateObject());
    }

    [Fact]
    public async Task DeleteFaults_Answers204AndClearsEveryFault()
    {
        await _control.SendAsync(HttpMethod.Put, "/faults", """{"failNextTasks": {"Pricing": 1}, "failSessionCreation": true}""");

        var delete = await _control.SendAsync(HttpMethod.Delete, "/faults", null);

        Assert.Equal(HttpStatusCode.NoContent, delete.Status);
        Assert.False(factory.Faults.Current.Any);
    }

    [Theory]
    [InlineData("""{"failNextTasks": {"Shipment": 1}}""", "$.failNextTasks.Shipment: unknown fault: no task type 'Shipment'")]
    [InlineData("""{"failEverything": true}""", "$.failEverything: unknown field 'failEverything'")]
    [InlineData("""{"failSessionCreation": "yes"}""", "$.failSessionCreation: expected true or false, found the string 'yes'")]
    [InlineData("""{"taskDelayMs": -1}""", "$.taskDelayMs: expected a whole number from 0 to 600,000, found -1")]
    [InlineData("""{"failNextTasks": {"Inventory": 0}}""", "$.failNextTasks.Inventory: expected a whole number from 1 to 1,000, found 0")]
    [InlineData("""[]""", "$: expected an object, found an array")]
    public async Task PutFaults_BadInput_Answers400NamingThePathAndChangesNothing(string body, string expected)
    {
        await _control.SendAsync(HttpMethod.Put, "/faults", """{"failOrderSummaryCreation": true}""");

        var response = await _control.SendAsync(HttpMethod.Put, "/faults", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_INPUT", response.ErrorCode);
        Assert.StartsWith(expected, response.ErrorMessage, StringComparison.Ordinal);
        Assert.True(factory.Faults.Current.FailOrderSummaryCreation);
        Assert.Empty(factory.Faults.Current.FailNextTasks);
    }

    [Fact]
    public async Task PutFaults_MalformedJson_Answers400JsonParserError()
    {
        var response = await _control.SendAsync(HttpMethod.Put, "/faults", """{"failSessionCreation": tru""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("JSON_PARSER_ERROR", response.ErrorCode);
        Assert.False(factory.Faults.Current.Any);
    }

    [Fact]
    public async Task PatchSettings_SomeFields_ChangesThemAndKeepsTheRest()
    {
        var patch = await _control.SendAsync(HttpMethod.Patch, "/settings", """{"taskLatencyByType": {"Inventory": 1500}, "taxRate": 0.1}""");
        var get = await _control.GetAsync("/settings");

        Assert.Equal(HttpStatusCode.OK, patch.Status);
        Assert.Equal(1500, get.Json.GetProperty("taskLatencyByType").GetProperty("Inventory").GetInt32());
        Assert.Equal(0.1m, get.Json.GetProperty("taxRate").GetDecimal());
        Assert.Equal(0, get.Json.GetProperty("taskLatencyMs").GetInt32());
        Assert.Equal(15m, get.Json.GetProperty("shippingBaseCharge").GetDecimal());
        Assert.Equal(1500, factory.Services.GetRequiredService<RuntimeSettings>().Current.LatencyFor("Inventory"));
    }

    [Fact]
    public async Task PatchSettings_TaskTypeSetToNull_FollowsTheOverallLatencyAgain()
    {
        await _control.SendAsync(HttpMethod.Patch, "/settings", """{"taskLatencyByType": {"Taxes": 900}}""");

        await _control.SendAsync(HttpMethod.Patch, "/settings", """{"taskLatencyMs": 7, "taskLatencyByType": {"Taxes": null}}""");

        Assert.Equal(7, factory.Services.GetRequiredService<RuntimeSettings>().Current.LatencyFor("Taxes"));
    }

    [Theory]
    [InlineData("""{"taskLatencyMs": "fast"}""", "$.taskLatencyMs: expected a whole number from 0 to 600,000, found the string 'fast'")]
    [InlineData("""{"taxRate": 1.5}""", "$.taxRate: expected a number from 0 to 1, found 1.5")]
    [InlineData("""{"taskLatencyByType": {"Checkout": 10}}""", "$.taskLatencyByType.Checkout: unknown task type 'Checkout'")]
    [InlineData("""{"workers": 8}""", "$.workers: unknown field 'workers'")]
    public async Task PatchSettings_BadInput_Answers400AndChangesNothing(string body, string expected)
    {
        var response = await _control.SendAsync(HttpMethod.Patch, "/settings", "{\"shippingPerUnit\": 9, " + body[1..]);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.StartsWith(expected, response.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(0.5m, (await _control.GetAsync("/settings")).Json.GetProperty("shippingPerUnit").GetDecimal());
    }

    [Fact]
    public async Task PostClock_Advance_MovesEmulatorTimeAndExpiresTokens()
    {
        var bob = new SalesforceClient(factory.CreateClient(),
            await SalesforceClient.RequestTokenAsync(factory.CreateClient(), DemoData.Bob, DemoData.Passwords[DemoData.Bob]));
        var before = (await _control.GetAsync("/clock")).Json.GetProperty("now").GetDateTimeOffset();

        var moved = await _control.SendAsync(HttpMethod.Post, "/clock", """{"advanceMinutes": 121}""");

        Assert.Equal(HttpStatusCode.OK, moved.Status);
        var now = moved.Json.GetProperty("now").GetDateTimeOffset();
        var wall = moved.Json.GetProperty("wallClock").GetDateTimeOffset();
        Assert.InRange(now - before, TimeSpan.FromMinutes(121), TimeSpan.FromMinutes(122));
        Assert.InRange(now - wall, TimeSpan.FromMinutes(120.9), TimeSpan.FromMinutes(121.1));
        Assert.False(moved.Json.GetProperty("isWallClock").GetBoolean());
        Assert.Equal(HttpStatusCode.Unauthorized, (await bob.GetRecordAsync("WebCart", factory.Demo.BobCart)).Status);
    }

    [Fact]
    public async Task PostClock_Now_NewRecordsCarryTheEmulatorTime()
    {
        var target = DateTimeOffset.UtcNow.AddMinutes(30);
        var carol = await factory.LoginAsync(DemoData.Carol);

        var moved = await _control.SendAsync(HttpMethod.Post, "/clock", $$"""{"now": "{{target:O}}"}""");
        var session = await carol.InvokeAsync("checkoutSessionAction", new { cartId = factory.Demo.CarolGlobexCart });

        Assert.Equal(HttpStatusCode.OK, moved.Status);
        var createdText = (await carol.GetRecordAsync("CartCheckoutSession", session.Output("requestId")!)).Json.GetProperty("CreatedDate").GetString()!;
        var created = DateTimeOffset.Parse(createdText.Replace("+0000", "+00:00", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(created - target, TimeSpan.Zero, TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task PostClock_BackPastRecordedData_Answers400AndKeepsTheTime()
    {
        var carol = await factory.LoginAsync(DemoData.Carol);
        await carol.InvokeAsync("checkoutSessionAction", new { cartId = factory.Demo.CarolGlobexCart });
        var past = DateTimeOffset.UtcNow.AddHours(-1);

        var response = await _control.SendAsync(HttpMethod.Post, "/clock", $$"""{"now": "{{past:O}}"}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.StartsWith("$.now: the clock can't go back past recorded data", response.ErrorMessage, StringComparison.Ordinal);
        Assert.True((await _control.GetAsync("/clock")).Json.GetProperty("isWallClock").GetBoolean());
    }

    [Theory]
    [InlineData("""{}""", "$: expected exactly one of 'advanceMinutes'")]
    [InlineData("""{"advanceMinutes": 5, "now": "2030-01-01T00:00:00Z"}""", "$: expected exactly one of 'advanceMinutes'")]
    [InlineData("""{"advanceMinutes": "5"}""", "$.advanceMinutes: expected a whole number from 1 to 525,600, found the string '5'")]
    [InlineData("""{"advanceMinutes": 0}""", "$.advanceMinutes: expected a whole number from 1 to 525,600, found 0")]
    [InlineData("""{"now": "tomorrow"}""", "$.now: expected an ISO 8601 time")]
    [InlineData("""{"now": "2999-01-01T00:00:00Z"}""", "$.now: expected a time within ten years of the wall clock")]
    public async Task PostClock_BadInput_Answers400(string body, string expected)
    {
        var response = await _control.SendAsync(HttpMethod.Post, "/clock", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.StartsWith(expected, response.ErrorMessage, StringComparison.Ordinal);
        Assert.True((await _control.GetAsync("/clock")).Json.GetProperty("isWallClock").GetBoolean());
    }

    [Fact]
    public async Task OpenApiDocument_ListsTheControlApiApartFromTheSalesforcePaths()
    {
        using var http = factory.CreateClient();

        var document = await ApiResponse.ReadAsync(await http.GetAsync("/services/openapi.json"));

        var paths = document.Json.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/emulator/v1/reset", paths);
        Assert.Contains("/emulator/v1/scenario", paths);
        Assert.Contains("/emulator/v1/faults", paths);
        Assert.Contains("/emulator/v1/settings", paths);
        Assert.Contains("/emulator/v1/clock", paths);
        Assert.Contains("/emulator/v1/carts/{cartId}/recording", paths);
    }

    [Fact]
    public async Task Recording_OfACartCreatedAfterTheScenario_Answers409ThatAResetWouldLoseItAndChangesNothing()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);
        var created = await alice.PostAsync($"{SalesforceClient.Data}/commerce/webstores/{factory.Demo.AcmeStoreId}/carts",
            new { effectiveAccountId = factory.Demo.AcmeAccountId });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        // The demo scenario has six carts (0a6…1 to 0a6…6): the first cart made afterwards is the seventh.
        var cartId = created.Json.GetProperty("cartId").GetString()!;
        Assert.Equal("0a6000000000007AAA", cartId);

        var export = await _control.GetAsync($"/carts/{cartId}/recording?format=curl");

        Assert.Equal(HttpStatusCode.Conflict, export.Status);
        var error = export.Json[0];
        Assert.Equal("INVALID_INPUT", error.GetProperty("errorCode").GetString());
        Assert.Equal(
            "Cart 0a6000000000007AAA ('Cart') isn't one of the loaded scenario's 6 carts: it was created after the scenario was loaded. "
            + "A replay resets the emulator to the scenario, where this cart doesn't exist; add the cart to a scenario (PUT /emulator/v1/scenario) and export a checkout of it there.",
            error.GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, (await alice.GetRecordAsync("WebCart", cartId)).Status);
        // The last scenario cart still exports.
        Assert.Equal(HttpStatusCode.OK, (await _control.GetAsync("/carts/0a6000000000006AAA/recording?format=curl")).Status);
    }

    [Fact]
    public void FaultNames_AreTheAdminFaultPageSwitches()
    {
        Assert.Equal(["failNextTasks", "taskDelayMs", "failSessionCreation", "failOrderSummaryCreation", "createSummaryBeforeActivation"], FaultNames.All);
    }
}
