using System.Net;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Api.Hardening;

/// <summary>Finding 7 of #14: a lone UTF-16 surrogate anywhere in a JSON body is malformed JSON (400), on every endpoint that reads one.</summary>
public sealed class MalformedJsonTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string LoneHigh = "\\ud800";
    private const string LoneLow = "\\udc00";

    public static TheoryData<string, string, string> Bodies => new()
    {
        { "POST", "{actions}/checkoutSessionAction", $$"""{"inputs":[{"cartId":"{cart}{{LoneHigh}}"}]}""" },
        { "POST", "{actions}/cancelCartAsyncOperation", $$"""{"inputs":[{"cartId":"{{LoneLow}}"}]}""" },
        { "POST", "{actions}/cartToOrderAction", $$"""{"inputs":[{"cartId":"{cart}","{{LoneHigh}}":true}]}""" },
        { "POST", "{actions}/updateCheckoutSessionStateAction", $$"""{"inputs":[{"checkoutSessionId":"{session}","nextState":"Inventory","expCurrentState":"Start"},{"cartId":["{{LoneLow}}"]}]}""" },
        { "POST", "{actions}/priceCart", $$"""{"{{LoneHigh}}":[]}""" },
        { "PATCH", "{sobjects}/CartCheckoutSession/{session}", $$"""{"State":"Start{{LoneHigh}}"}""" },
        { "PATCH", "{sobjects}/CartCheckoutSession/{session}", $$"""{"{{LoneLow}}State":"Inventory"}""" },
        { "POST", "{carts}", $$"""{"effectiveAccountId":"{{LoneHigh}}"}""" },
        { "POST", "{carts}/{cart}/cart-items", $$"""{"productId":"{product}","quantity":"1{{LoneLow}}","type":"Product"}""" },
        { "PATCH", "{carts}/{cart}/cart-items/{item}", $$"""{"quantity":1,"{{LoneHigh}}":0}""" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task Request_WithALoneSurrogateInAStringOrKey_Returns400JsonParserErrorAndChangesNothing(string method, string path, string body)
    {
        var (driver, values) = await ArrangeAsync();

        var response = await driver.Client.SendAsync(new HttpMethod(method), Fill(path, values), Fill(body, values));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("JSON_PARSER_ERROR", response.ErrorCode);
        Assert.Contains("surrogate", response.ErrorMessage);
        var session = await driver.SessionAsync(values["session"]);
        Assert.Equal("Start", session.GetProperty("State").GetString());
        Assert.Equal("Checkout", (await driver.Client.GetRecordAsync("WebCart", values["cart"])).Json.GetProperty("Status").GetString());
    }

    [Fact]
    public async Task Request_WithAWholeSurrogatePair_IsReadAsText()
    {
        var (driver, values) = await ArrangeAsync();

        var response = await driver.Client.PostRawAsync($"{SalesforceClient.Data}/actions/standard/checkoutSessionAction",
            Fill("""{"inputs":[{"cartId":"{cart}","initialState":"\ud83d\ude00"}]}""", values));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_INPUT", response.ActionErrorCode());
        Assert.Contains("'\U0001F600'", response.ActionErrorMessage());
    }

    private async Task<(CheckoutDriver Driver, Dictionary<string, string> Values)> ArrangeAsync()
    {
        var driver = await CheckoutDriver.ForAsync(factory, DemoData.Alice);
        var (cartId, sessionId) = await driver.NewCheckoutAsync(("SKU-1", 1));
        var items = await driver.Client.QueryAsync($"SELECT Id FROM CartItem WHERE CartId = '{cartId}'");
        var carts = $"{SalesforceClient.Data}/commerce/webstores/{factory.Demo.AcmeStoreId}/carts";
        return (driver, new Dictionary<string, string>
        {
            ["actions"] = $"{SalesforceClient.Data}/actions/standard",
            ["sobjects"] = $"{SalesforceClient.Data}/sobjects",
            ["carts"] = carts,
            ["cart"] = cartId,
            ["session"] = sessionId,
            ["item"] = items.Json.GetProperty("records")[0].GetProperty("Id").GetString()!,
            ["product"] = factory.Demo.ProductId("SKU-2"),
        });
    }

    private static string Fill(string template, Dictionary<string, string> values) =>
        values.Aggregate(template, (text, kv) => text.Replace("{" + kv.Key + "}", kv.Value));
}
