using System.Net;
using System.Text.Json;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Api.Tools;

/// <summary>Composite requests and sObject collections: each subrequest answers as the resource alone would, under the same rules.</summary>
public sealed class CompositeTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Composite = SalesforceClient.Data + "/composite";

    [Fact]
    public async Task Composite_ReferenceToAnEarlierAnswer_RunsTheActionOnTheQueriedCart()
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var cartId = await driver.NewCartAsync();

        var response = await driver.Client.PostAsync(Composite, new
        {
            allOrNone = true,
            compositeRequest = new object[]
            {
                new { method = "GET", url = $"{SalesforceClient.Data}/query?q={Uri.EscapeDataString($"SELECT Id FROM WebCart WHERE Id = '{cartId}'")}", referenceId = "carts" },
                new { method = "POST", url = $"{SalesforceClient.Data}/actions/standard/checkoutSessionAction", referenceId = "session", body = new { inputs = new[] { new { cartId = "@{carts.records[0].Id}" } } } },
                new { method = "GET", url = $"{SalesforceClient.Data}/sobjects/CartCheckoutSession/@{{session[0].outputValues.requestId}}?fields=State", referenceId = "state" },
            },
        });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var answers = response.Json.GetProperty("compositeResponse").EnumerateArray().ToList();
        Assert.Equal(["carts", "session", "state"], answers.Select(a => a.GetProperty("referenceId").GetString()));
        Assert.All(answers, a => Assert.Equal(200, a.GetProperty("httpStatusCode").GetInt32()));
        Assert.Equal(CheckoutFlow.Start, answers[2].GetProperty("body").GetProperty("State").GetString());
        var cart = await driver.Client.GetRecordAsync("WebCart", cartId);
        Assert.Equal("Checkout", cart.Json.GetProperty("Status").GetString());
    }

    [Fact]
    public async Task Composite_ActionFailureWithAllOrNone_AnswersTheDomainErrorAndHaltsTheRest()
    {
        var dave = await factory.LoginAsync(DemoData.Dave);

        var response = await dave.PostAsync(Composite, new
        {
            allOrNone = true,
            compositeRequest = new object[]
            {
                new { method = "POST", url = $"{SalesforceClient.Data}/actions/standard/checkoutSessionAction", referenceId = "start", body = new { inputs = new[] { new { cartId = factory.Demo.DaveCart } } } },
                new { method = "GET", url = $"{SalesforceClient.Data}/limits", referenceId = "after" },
            },
        });

        var answers = response.Json.GetProperty("compositeResponse").EnumerateArray().ToList();
        Assert.Equal(400, answers[0].GetProperty("httpStatusCode").GetInt32());
        Assert.Equal("BAD_REQUEST", answers[0].GetProperty("body")[0].GetProperty("errors")[0].GetProperty("statusCode").GetString());
        Assert.Equal(400, answers[1].GetProperty("httpStatusCode").GetInt32());
        Assert.Equal("PROCESSING_HALTED", answers[1].GetProperty("body")[0].GetProperty("errorCode").GetString());
        var cart = await (await factory.LoginAsync(DemoData.Integrator)).GetRecordAsync("WebCart", factory.Demo.DaveCart);
        Assert.Equal("Active", cart.Json.GetProperty("Status").GetString());
    }

    [Fact]
    public async Task Composite_BadRequestShape_Returns400AndRunsNothing()
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var cartId = await driver.NewCartAsync();
        var start = new { method = "POST", url = $"{SalesforceClient.Data}/actions/standard/checkoutSessionAction", referenceId = "start", body = new { inputs = new[] { new { cartId } } } };

        var tooMany = await driver.Client.PostAsync(Composite, new { compositeRequest = Enumerable.Range(0, 25).Select(i => (object)new { method = "GET", url = $"{SalesforceClient.Data}/limits", referenceId = $"r{i}" }).Prepend(start) });
        var forwardReference = await driver.Client.PostAsync(Composite, new { compositeRequest = new object[] { start, new { method = "GET", url = $"{SalesforceClient.Data}/sobjects/WebCart/@{{later.Id}}", referenceId = "early" } } });
        var unknownResource = await driver.Client.PostAsync(Composite, new { compositeRequest = new object[] { start, new { method = "GET", url = $"{SalesforceClient.Data}/nowhere", referenceId = "x" } } });
        var notJson = await driver.Client.PostRawAsync(Composite, "{\"compositeRequest\": [");

        Assert.Equal("LIMIT_EXCEEDED", tooMany.ErrorCode);
        Assert.Equal(HttpStatusCode.BadRequest, forwardReference.Status);
        Assert.Equal(HttpStatusCode.BadRequest, unknownResource.Status);
        Assert.Equal("JSON_PARSER_ERROR", notJson.ErrorCode);
        var cart = await driver.Client.GetRecordAsync("WebCart", cartId);
        Assert.Equal("Active", cart.Json.GetProperty("Status").GetString());
    }

    [Fact]
    public async Task Batch_RunsIndependentSubrequestsAndReportsErrors()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.PostAsync(Composite + "/batch", new
        {
            batchRequests = new object[]
            {
                new { method = "GET", url = $"v{SalesforceClient.Version}/sobjects/WebCart/{factory.Demo.AliceAcmeCart}?fields=Name" },
                new { method = "GET", url = $"v{SalesforceClient.Version}/sobjects/WebCart/{factory.Demo.CarolGlobexCart}" },
            },
        });

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.True(response.Json.GetProperty("hasErrors").GetBoolean());
        var results = response.Json.GetProperty("results").EnumerateArray().ToList();
        Assert.Equal(200, results[0].GetProperty("statusCode").GetInt32());
        Assert.Equal("Alice's office restock", results[0].GetProperty("result").GetProperty("Name").GetString());
        Assert.Equal(404, results[1].GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public async Task Retrieve_SeveralIds_AnswersVisibleRecordsAndNullForOthers()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.PostAsync(Composite + "/sobjects/WebCart", new { ids = new[] { factory.Demo.AliceAcmeCart, factory.Demo.CarolGlobexCart }, fields = new[] { "Id", "Name" } });
        var viaQuery = await alice.GetAsync($"{Composite}/sobjects/WebCart?ids={factory.Demo.AliceUmbrellaCart}&fields=Name");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("Alice's office restock", response.Json[0].GetProperty("Name").GetString());
        Assert.Equal(JsonValueKind.Null, response.Json[1].ValueKind);
        Assert.Equal("Umbrella Corp order", viaQuery.Json[0].GetProperty("Name").GetString());
    }

    [Fact]
    public async Task UpdateCollection_Sessions_GoThroughTheSessionRules()
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var (_, sessionId) = await driver.NewCheckoutAsync();
        var bob = await factory.LoginAsync(DemoData.Bob);

        var mine = await driver.Client.PatchAsync(Composite + "/sobjects", new
        {
            allOrNone = false,
            records = new object[] { new Dictionary<string, object> { ["attributes"] = new { type = "CartCheckoutSession" }, ["id"] = sessionId, ["IsProcessing"] = true } },
        });
        var notBobs = await bob.PatchAsync(Composite + "/sobjects", new
        {
            records = new object[] { new Dictionary<string, object> { ["attributes"] = new { type = "CartCheckoutSession" }, ["id"] = sessionId, ["IsProcessing"] = false } },
        });

        Assert.Equal(HttpStatusCode.OK, mine.Status);
        Assert.True(mine.Json[0].GetProperty("success").GetBoolean());
        Assert.Equal(sessionId, mine.Json[0].GetProperty("id").GetString());
        Assert.False(notBobs.Json[0].GetProperty("success").GetBoolean());
        Assert.Equal("NOT_FOUND", notBobs.Json[0].GetProperty("errors")[0].GetProperty("statusCode").GetString());
        var session = await driver.Client.GetRecordAsync("CartCheckoutSession", sessionId);
        Assert.True(session.Json.GetProperty("IsProcessing").GetBoolean());
    }
}
