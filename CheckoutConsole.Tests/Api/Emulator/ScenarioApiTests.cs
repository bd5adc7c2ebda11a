using System.Net;
using System.Text.Json.Nodes;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Api.Emulator;

/// <summary>PUT /emulator/v1/scenario: a world of the test's own, and every way a scenario can be wrong.</summary>
public sealed class ScenarioApiTests(ApiFactory factory) : IClassFixture<ApiFactory>, IAsyncLifetime
{
    private const string SmallScenario = """
        {
          "stores": [{ "name": "Test Store", "checkoutTimeToLive": 60 }],
          "accounts": [{ "name": "Buyer Co", "buyerStatus": "Active" }, { "name": "Held Co", "buyerStatus": "On Hold" }],
          "memberships": [{ "store": "Test Store", "account": "Buyer Co" }],
          "users": [
            { "username": "buyer@test.example", "name": "Test Buyer", "password": "buyer-pw", "permissions": ["B2BBuyer"], "account": "Buyer Co", "buysFor": ["Held Co"] },
            { "username": "admin@console.example", "name": "Test Admin", "password": "admin-demo", "permissions": ["ModifyAllData"] }
          ],
          "products": [{ "sku": "T-1", "name": "Widget", "listPrice": 9.5, "stockQuantity": 4 }],
          "carts": [
            { "name": "Open checkout", "store": "Test Store", "account": "Buyer Co", "owner": "buyer@test.example",
              "lines": [{ "sku": "T-1", "quantity": 2 }], "checkout": { "state": "Delivery Method" } }
          ]
        }
        """;

    private readonly ApiFactory _factory = factory;
    private ControlClient _control = default!;

    /// <summary>Each test starts from the demo scenario, loaded by a fresh admin login (a test may have loaded another world).</summary>
    public async Task InitializeAsync()
    {
        var admin = new SalesforceClient(_factory.CreateClient(),
            await SalesforceClient.RequestTokenAsync(_factory.CreateClient(), DemoData.Admin, DemoData.Passwords[DemoData.Admin]));
        _control = new ControlClient(admin);
        var put = await _control.SendAsync(HttpMethod.Put, "/scenario", DemoData.ScenarioJson);
        Assert.Equal(HttpStatusCode.NoContent, put.Status);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task PutScenario_Valid_ReplacesTheWorldWithStableIdsAndAnOpenCheckout()
    {
        var aliceBefore = new SalesforceClient(_factory.CreateClient(),
            await SalesforceClient.RequestTokenAsync(_factory.CreateClient(), DemoData.Alice, DemoData.Passwords[DemoData.Alice]));

        var put = await _control.SendAsync(HttpMethod.Put, "/scenario", SmallScenario);

        Assert.Equal(HttpStatusCode.NoContent, put.Status);
        var buyer = new SalesforceClient(_factory.CreateClient(),
            await SalesforceClient.RequestTokenAsync(_factory.CreateClient(), "buyer@test.example", "buyer-pw"));
        var carts = (await buyer.QueryAsync("SELECT Id, Name, Status, TotalProductAmount FROM WebCart")).Json.GetProperty("records");
        Assert.Equal(1, carts.GetArrayLength());
        Assert.Equal("0a6000000000001AAA", carts[0].GetProperty("Id").GetString());
        Assert.Equal("Checkout", carts[0].GetProperty("Status").GetString());
        Assert.Equal(19.0m, carts[0].GetProperty("TotalProductAmount").GetDecimal());
        var session = (await buyer.QueryAsync("SELECT Id, State FROM CartCheckoutSession")).Json.GetProperty("records")[0];
        Assert.Equal("2z9000000000001AAA", session.GetProperty("Id").GetString());
        Assert.Equal("Delivery Method", session.GetProperty("State").GetString());
        var account = (await buyer.QueryAsync("SELECT BuyerStatus FROM Account WHERE Name = 'Held Co'")).Json.GetProperty("records")[0];
        Assert.Equal("On Hold", account.GetProperty("BuyerStatus").GetString());
        var alice = await SalesforceClient.PostTokenAsync(_factory.CreateClient(), new Dictionary<string, string>
        {
            ["grant_type"] = "password", ["client_id"] = SalesforceClient.ClientId, ["client_secret"] = SalesforceClient.ClientSecret,
            ["username"] = DemoData.Alice, ["password"] = DemoData.Passwords[DemoData.Alice],
        });
        Assert.Equal(HttpStatusCode.BadRequest, alice.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await aliceBefore.QueryAsync("SELECT Id FROM WebCart")).Status);
    }

    [Fact]
    public async Task Reset_AfterAScenario_ReturnsToThatScenario()
    {
        await _control.SendAsync(HttpMethod.Put, "/scenario", SmallScenario);
        var buyer = new SalesforceClient(_factory.CreateClient(),
            await SalesforceClient.RequestTokenAsync(_factory.CreateClient(), "buyer@test.example", "buyer-pw"));
        await buyer.InvokeAsync("cancelCartAsyncOperation", new { cartId = "0a6000000000001AAA" });

        await _control.ResetAsync();

        var session = (await buyer.QueryAsync("SELECT State, IsArchived FROM CartCheckoutSession")).Json.GetProperty("records");
        Assert.Equal(1, session.GetArrayLength());
        Assert.False(session[0].GetProperty("IsArchived").GetBoolean());
        Assert.Equal("Delivery Method", session[0].GetProperty("State").GetString());
    }

    [Theory]
    [InlineData("carts[0].store", "Nowhere Store", "$.carts[0].store: dangling reference: no store 'Nowhere Store' in the scenario")]
    [InlineData("carts[0].owner", "ghost@test.example", "$.carts[0].owner: dangling reference: no username 'ghost@test.example'")]
    [InlineData("carts[0].lines[0].sku", "T-9", "$.carts[0].lines[0].sku: dangling reference: no product sku 'T-9'")]
    [InlineData("memberships[0].account", "Nobody Co", "$.memberships[0].account: dangling reference: no account 'Nobody Co'")]
    [InlineData("accounts[1].name", "Buyer Co", "$.accounts[1].name: duplicate account 'Buyer Co'")]
    [InlineData("accounts[0].buyerStatus", "Frozen", "$.accounts[0].buyerStatus: expected one of 'Active', 'Inactive', 'On Hold', 'Pending', found 'Frozen'")]
    [InlineData("products[0].listPrice", "cheap", "$.products[0].listPrice: expected a number from 0 to 1000000000, found the string 'cheap'")]
    [InlineData("carts[0].checkout.state", "Inventory", "$.carts[0].checkout.state: expected one of 'Start', 'Delivery Method'")]
    [InlineData("users[0].permissions[0]", "Superuser", "$.users[0].permissions[0]: expected one of 'B2BBuyer', 'B2BCommerceIntegrator', 'ModifyAllData', found 'Superuser'")]
    public async Task PutScenario_Invalid_Answers400NamingThePathAndLeavesTheWorld(string path, string value, string expected)
    {
        var scenario = JsonNode.Parse(SmallScenario)!;
        Set(scenario, path, value);

        var put = await _control.SendAsync(HttpMethod.Put, "/scenario", scenario.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.Equal("INVALID_INPUT", put.ErrorCode);
        Assert.StartsWith(expected, put.ErrorMessage, StringComparison.Ordinal);
        var alice = await _factory.LoginAsync(DemoData.Alice);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetRecordAsync("WebCart", _factory.Demo.AliceAcmeCart)).Status);
        await _control.ResetAsync();
        Assert.Equal(HttpStatusCode.OK, (await alice.GetRecordAsync("WebCart", _factory.Demo.AliceAcmeCart)).Status);
    }

    [Theory]
    [InlineData("""{"carts": [{"name": "x"}], "extra": 1}""", "$.extra: unknown field 'extra'")]
    [InlineData("""{"products": {"sku": "T-1"}}""", "$.products: expected an array, found an object")]
    [InlineData("""{"products": [{"sku": "T-1", "name": "W", "listPrice": 1, "stockQuantity": 2.5}]}""", "$.products[0].stockQuantity: expected a whole number from 0 to 100,000,000, found the number 2.5")]
    [InlineData("""{"users": [{"username": "u@x", "name": "U", "permissions": []}]}""", "$.users[0].password: expected a string, found nothing")]
    public async Task PutScenario_WrongShape_Answers400NamingThePath(string body, string expected)
    {
        var put = await _control.SendAsync(HttpMethod.Put, "/scenario", body);

        Assert.Equal(HttpStatusCode.BadRequest, put.Status);
        Assert.StartsWith(expected, put.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void DemoScenarioFile_IsTheDemoDataOfTheSpec()
    {
        var scenario = DemoData.Scenario;

        Assert.Equal(["Acme B2B Store", "Globex Store"], scenario.Stores.Select(s => s.Name));
        Assert.Equal(["Acme Supply Active", "Umbrella Corp Inactive", "Initech Active"], scenario.Accounts.Select(a => $"{a.Name} {a.BuyerStatus}"));
        Assert.Equal(6, scenario.Users.Count);
        Assert.Equal("alice-demo", DemoData.Passwords["alice@acme.example"]);
        Assert.Contains(scenario.Products, p => p.StockQuantity == 0);
        Assert.Contains(scenario.Products, p => p.StockQuantity == 3);
        Assert.Equal(["bob@acme.example"], scenario.Carts.Single(c => c.Name == "Umbrella Corp order").SharedWith);
    }

    private static void Set(JsonNode root, string path, string value)
    {
        var node = root;
        var parts = path.Split('.');
        foreach (var part in parts[..^1])
        {
            node = Step(node, part);
        }

        var last = parts[^1];
        var bracket = last.IndexOf('[', StringComparison.Ordinal);
        if (bracket < 0)
        {
            node[last] = value;
        }
        else
        {
            node[last[..bracket]]![int.Parse(last[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)] = value;
        }

        static JsonNode Step(JsonNode node, string part)
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            return bracket < 0
                ? node[part]!
                : node[part[..bracket]]![int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)]!;
        }
    }
}
