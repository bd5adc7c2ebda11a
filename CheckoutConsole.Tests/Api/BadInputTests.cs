using System.Net;
using System.Text;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Api;

/// <summary>Bad input gets a Salesforce-shaped 4xx, never a 500, and changes nothing.</summary>
public sealed class BadInputTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string Actions = SalesforceClient.Data + "/actions/standard";

    private async Task AssertUntouchedAsync(SalesforceClient client, string cartId)
    {
        var cart = await client.GetRecordAsync("WebCart", cartId);
        var sessions = await client.QueryAsync($"SELECT Id FROM CartCheckoutSession WHERE WebCartId = '{cartId}'");
        Assert.Equal("Active", cart.Json.GetProperty("Status").GetString());
        Assert.Equal(0, sessions.Json.GetProperty("totalSize").GetInt32());
    }

    [Theory]
    [InlineData("""{"inputs":[{"cartId":"{cart}"}""")]
    [InlineData("""{"inputs":[{"cartId":"{cart}",}]}""")]
    [InlineData("""inputs=[cartId]""")]
    [InlineData("")]
    public async Task Invoke_MalformedJson_Returns400JsonParserErrorAndChangesNothing(string body)
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var cartId = await driver.NewCartAsync();

        var response = await driver.Client.PostRawAsync($"{Actions}/checkoutSessionAction", body.Replace("{cart}", cartId));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("JSON_PARSER_ERROR", response.ErrorCode);
        await AssertUntouchedAsync(driver.Client, cartId);
    }

    [Theory]
    [InlineData("checkoutSessionAction", """[{"cartId":"{cart}"}]""", "Expected a JSON object")]
    [InlineData("checkoutSessionAction", """{}""", "has no \"inputs\"")]
    [InlineData("checkoutSessionAction", """{"inputs":{"cartId":"{cart}"}}""", "must be an array")]
    [InlineData("checkoutSessionAction", """{"inputs":["{cart}"]}""", "inputs[0] must be an object")]
    [InlineData("checkoutSessionAction", """{"inputs":[{"cartId":"{cart}"}],"async":true}""", "Unrecognized field \"async\"")]
    [InlineData("checkoutSessionAction", """{"inputs":[{"cartId":12345}]}""", "inputs[0].cartId must be a string")]
    [InlineData("checkoutSessionAction", """{"inputs":[{"cartId":"{cart}"},{"cartId":["{cart}"]}]}""", "inputs[1].cartId must be a string")]
    [InlineData("checkoutSessionAction", """{"inputs":[{"cartId":"{cart}","cartId":"{cart}"}]}""", "twice")]
    [InlineData("cartToOrderAction", """{"inputs":[{"cartId":"{cart}","runAsync":"maybe"}]}""", "inputs[0].runAsync must be a boolean")]
    [InlineData("cartToOrderAction", """{"inputs":[{"cartId":"{cart}","runAsync":0}]}""", "inputs[0].runAsync must be a boolean")]
    public async Task Invoke_WrongJsonShapeOrType_Returns400JsonParserErrorAndRunsNoInput(string action, string body, string message)
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var cartId = await driver.NewCartAsync();

        var response = await driver.Client.PostRawAsync($"{Actions}/{action}", body.Replace("{cart}", cartId));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("JSON_PARSER_ERROR", response.ErrorCode);
        Assert.Contains(message, response.ErrorMessage);
        await AssertUntouchedAsync(driver.Client, cartId);
    }

    [Fact]
    public async Task Invoke_NoInputs_Returns400InvalidInput()
    {
        var client = await factory.LoginAsync(DemoData.Alice);

        var response = await client.PostRawAsync($"{Actions}/checkoutSessionAction", """{"inputs":[]}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_INPUT", response.ErrorCode);
    }

    [Fact]
    public async Task Invoke_MoreThan200Inputs_Returns400LimitExceededAndRunsNone()
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var cartId = await driver.NewCartAsync();
        var inputs = Enumerable.Repeat<object>(new { cartId }, 201).ToArray();

        var response = await driver.Client.InvokeAsync("checkoutSessionAction", inputs);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("LIMIT_EXCEEDED", response.ErrorCode);
        Assert.Contains("found 201", response.ErrorMessage);
        await AssertUntouchedAsync(driver.Client, cartId);
    }

    [Fact]
    public async Task Invoke_Exactly200Inputs_AnswersAll200()
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var cartId = await driver.NewCartAsync();
        var inputs = Enumerable.Repeat<object>(new { cartId }, 200).ToArray();

        var response = await driver.Client.InvokeAsync("checkoutSessionAction", inputs);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(200, response.Json.GetArrayLength());
        Assert.Single(response.Json.EnumerateArray().Select(e => e.GetProperty("outputValues").GetProperty("requestId").GetString()).Distinct());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Invoke_BodyOver1MB_Returns413AndChangesNothing(bool sendsLength)
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var cartId = await driver.NewCartAsync();
        var body = $$"""{"inputs":[{"cartId":"{{cartId}}","initialState":"{{new string('x', 1024 * 1024)}}"}]}""";
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Actions}/checkoutSessionAction")
        {
            Content = sendsLength ? new StringContent(body, Encoding.UTF8, "application/json") : new UnsizedContent(Encoding.UTF8.GetBytes(body)),
        };
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {driver.Client.Token}");

        using var message = await driver.Client.Http.SendAsync(request);
        var response = await ApiResponse.ReadAsync(message);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.Status);
        Assert.Equal("REQUEST_ENTITY_TOO_LARGE", response.ErrorCode);
        await AssertUntouchedAsync(driver.Client, cartId);
    }

    [Fact]
    public async Task Invoke_InvalidUtf8_Returns400JsonParserError()
    {
        var client = await factory.LoginAsync(DemoData.Alice);
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Actions}/checkoutSessionAction")
        {
            Content = new ByteArrayContent([.. "{\"inputs\":[{\"cartId\":\""u8, 0xC3, 0x28, .. "\"}]}"u8]),
        };
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {client.Token}");

        using var message = await client.Http.SendAsync(request);
        var response = await ApiResponse.ReadAsync(message);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("JSON_PARSER_ERROR", response.ErrorCode);
    }

    [Fact]
    public async Task Invoke_NestedDeeperThanTheLimit_Returns400JsonParserError()
    {
        var client = await factory.LoginAsync(DemoData.Alice);
        var body = """{"inputs":[{"cartId":""" + new string('[', 5000) + new string(']', 5000) + "}]}";

        var response = await client.PostRawAsync($"{Actions}/checkoutSessionAction", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("JSON_PARSER_ERROR", response.ErrorCode);
    }

    [Theory]
    [InlineData("48.0")]
    [InlineData("68.0")]
    [InlineData("62.5")]
    [InlineData("62")]
    [InlineData("latest")]
    public async Task Query_VersionOutside49To67_Returns404NotFound(string version)
    {
        var client = await factory.LoginAsync(DemoData.Alice);

        var response = await client.GetAsync($"/services/data/v{version}/query?q=SELECT+Id+FROM+WebStore");

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("NOT_FOUND", response.ErrorCode);
        Assert.Contains("49.0 to 67.0", response.ErrorMessage);
    }

    [Theory]
    [InlineData("49.0")]
    [InlineData("67.0")]
    public async Task Query_VersionAtTheEdgesOfTheRange_Answers(string version)
    {
        var client = await factory.LoginAsync(DemoData.Alice);

        var response = await client.GetAsync($"/services/data/v{version}/query?q=SELECT+Id+FROM+WebStore");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(2, response.Json.GetProperty("totalSize").GetInt32());
    }

    [Theory]
    [InlineData("/services/data/v62.0/nothing-here")]
    [InlineData("/services/data/62.0/query")]
    [InlineData("/services/apexrest/checkout")]
    public async Task Get_UnknownPathUnderServices_Returns404NotFoundJson(string path)
    {
        var client = await factory.LoginAsync(DemoData.Alice);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("NOT_FOUND", response.ErrorCode);
    }

    [Fact]
    public async Task Delete_OnTheQueryResource_Returns405MethodNotAllowedJson()
    {
        var client = await factory.LoginAsync(DemoData.Alice);

        var response = await client.DeleteAsync($"{SalesforceClient.Data}/query");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("METHOD_NOT_ALLOWED", response.ErrorCode);
    }

    /// <summary>A body sent without Content-Length (chunked), as streaming clients send it.</summary>
    private sealed class UnsizedContent(byte[] bytes) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context) => stream.WriteAsync(bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
