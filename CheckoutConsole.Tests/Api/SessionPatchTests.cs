using System.Net;
using System.Text.Json;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Api;

/// <summary>PATCH /sobjects/CartCheckoutSession/{id}: a flow's plain record update of State, NextState, IsProcessing.</summary>
public sealed class SessionPatchTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private static string SessionPath(string id) => $"{SalesforceClient.Data}/sobjects/CartCheckoutSession/{id}";

    [Fact]
    public async Task Patch_StateNextStateAndIsProcessing_Returns204AndChangesTheSession()
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var (_, sessionId) = await driver.NewCheckoutAsync();

        var response = await driver.Client.PatchAsync(SessionPath(sessionId), new { State = "Taxes", NextState = "Payment And Billing Address", IsProcessing = true });

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        Assert.Equal("", response.Text);
        var session = await driver.SessionAsync(sessionId);
        Assert.Equal(CheckoutFlow.Taxes, session.GetProperty("State").GetString());
        Assert.Equal(CheckoutFlow.PaymentAndBillingAddress, session.GetProperty("NextState").GetString());
        Assert.True(session.GetProperty("IsProcessing").GetBoolean());
    }

    [Fact]
    public async Task Patch_NextStateNullByFifteenCharacterId_ClearsNextState()
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var (cartId, sessionId) = await driver.NewCheckoutAsync();
        await driver.DriveToAsync(cartId, sessionId, CheckoutFlow.Inventory, armed: true);

        var response = await driver.Client.PatchRawAsync(SessionPath(sessionId[..15]), """{"NextState": null}""");

        Assert.Equal(HttpStatusCode.NoContent, response.Status);
        var session = await driver.SessionAsync(sessionId);
        Assert.Equal(JsonValueKind.Null, session.GetProperty("NextState").ValueKind);
        Assert.Equal(CheckoutFlow.Inventory, session.GetProperty("State").GetString());
    }

    [Fact]
    public async Task Patch_ArchivedSession_Returns400InvalidOperation()
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var (cartId, sessionId) = await driver.NewCheckoutAsync();
        await driver.Client.InvokeAsync("cancelCartAsyncOperation", new { cartId });

        var response = await driver.Client.PatchAsync(SessionPath(sessionId), new { IsProcessing = true });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("INVALID_OPERATION", response.ErrorCode);
        Assert.False((await driver.SessionAsync(sessionId)).GetProperty("IsProcessing").GetBoolean());
    }

    [Theory]
    [InlineData("""{"Colour":"blue"}""", "INVALID_FIELD")]
    [InlineData("""{"IsArchived":false}""", "INVALID_FIELD_FOR_INSERT_UPDATE")]
    [InlineData("""{"IsProcessing":"yes"}""", "JSON_PARSER_ERROR")]
    [InlineData("""{"State":7}""", "JSON_PARSER_ERROR")]
    [InlineData("""{"State":"Shipping"}""", "INVALID_INPUT")]
    [InlineData("""["State"]""", "JSON_PARSER_ERROR")]
    [InlineData("""{"State":""", "JSON_PARSER_ERROR")]
    public async Task Patch_BadBody_Returns400AndChangesNothing(string body, string errorCode)
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var (_, sessionId) = await driver.NewCheckoutAsync();

        var response = await driver.Client.PatchRawAsync(SessionPath(sessionId), body);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(errorCode, response.ErrorCode);
        var session = await driver.SessionAsync(sessionId);
        Assert.Equal(CheckoutFlow.Start, session.GetProperty("State").GetString());
        Assert.False(session.GetProperty("IsProcessing").GetBoolean());
    }

    [Fact]
    public async Task Patch_SessionOfACartTheCallerCantEdit_Returns404AndChangesNothing()
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var (_, sessionId) = await driver.NewCheckoutAsync();
        var bob = await factory.LoginAsync(DemoData.Bob);

        var response = await bob.PatchAsync(SessionPath(sessionId), new { IsProcessing = true });

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("NOT_FOUND", response.ErrorCode);
        Assert.False((await driver.SessionAsync(sessionId)).GetProperty("IsProcessing").GetBoolean());
    }

    [Fact]
    public async Task Patch_ARecordOfAnotherType_Returns405()
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var cartId = await driver.NewCartAsync();

        var response = await driver.Client.PatchAsync($"{SalesforceClient.Data}/sobjects/WebCart/{cartId}", new { Status = "Closed" });

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.Status);
        Assert.Equal("METHOD_NOT_ALLOWED", response.ErrorCode);
        Assert.Equal("Active", (await driver.Client.GetRecordAsync("WebCart", cartId)).Json.GetProperty("Status").GetString());
    }
}
