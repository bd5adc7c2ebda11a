using System.Net;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Api;

/// <summary>The Connect-shaped cart endpoints: /commerce/webstores/{webstoreId}/carts….</summary>
public sealed class CommerceCartTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private string Carts => $"{SalesforceClient.Data}/commerce/webstores/{factory.Demo.AcmeStoreId}/carts";

    [Fact]
    public async Task CreateCart_ForTheCallersAccount_Returns201WithTheCart()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.PostAsync(Carts, new { effectiveAccountId = factory.Demo.AcmeAccountId });

        Assert.Equal(HttpStatusCode.Created, response.Status);
        var cartId = response.Json.GetProperty("cartId").GetString()!;
        Assert.StartsWith("0a6", cartId);
        Assert.Equal("Active", response.Json.GetProperty("status").GetString());
        Assert.Equal(factory.Demo.AcmeStoreId, response.Json.GetProperty("webstoreId").GetString());
        Assert.Equal("0.00", response.Json.GetProperty("grandTotalAmount").GetString());
        Assert.Equal(HttpStatusCode.OK, (await alice.GetRecordAsync("WebCart", cartId)).Status);
    }

    [Theory]
    [InlineData(3)]
    [InlineData("3")]
    [InlineData("3.0")]
    [InlineData(3.0)]
    public async Task AddItem_QuantityAsNumberOrNumericString_Returns201WithTheLine(object quantity)
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var cartId = await driver.NewCartAsync(("SKU-2", 1));

        var response = await driver.Client.PostAsync($"{Carts}/{cartId}/cart-items", new { productId = factory.Demo.ProductId("SKU-9"), quantity, type = "Product" });

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.StartsWith("0a9", response.Json.GetProperty("cartItemId").GetString());
        Assert.Equal("3", response.Json.GetProperty("quantity").GetString());
        Assert.Equal("357.00", response.Json.GetProperty("totalPrice").GetString());
    }

    [Theory]
    [InlineData("""{"productId":"{product}","quantity":"lots"}""", "JSON_PARSER_ERROR")]
    [InlineData("""{"productId":"{product}","quantity":true}""", "JSON_PARSER_ERROR")]
    [InlineData("""{"productId":"{product}","quantity":2.5}""", "INVALID_INPUT")]
    [InlineData("""{"productId":"{product}","quantity":"1e12"}""", "JSON_PARSER_ERROR")]
    [InlineData("""{"productId":"{product}","quantity":1e12}""", "INVALID_INPUT")]
    [InlineData("""{"productId":"{product}","quantity":10001}""", "INVALID_INPUT")]
    [InlineData("""{"productId":"{product}"}""", "INVALID_INPUT")]
    [InlineData("""{"productId":"{product}","quantity":1,"type":"Charge"}""", "INVALID_INPUT")]
    [InlineData("""{"productId":"{product}","quantity":1,"price":"0.01"}""", "JSON_PARSER_ERROR")]
    [InlineData("""{"productId":7,"quantity":1}""", "JSON_PARSER_ERROR")]
    public async Task AddItem_BadBody_Returns400AndLeavesTheCartAsItWas(string body, string errorCode)
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var cartId = await driver.NewCartAsync(("SKU-2", 1));

        var response = await driver.Client.PostRawAsync($"{Carts}/{cartId}/cart-items", body.Replace("{product}", factory.Demo.ProductId("SKU-9")));

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(errorCode, response.ErrorCode);
        var items = await driver.Client.QueryAsync($"SELECT Id FROM CartItem WHERE CartId = '{cartId}'");
        Assert.Equal(1, items.Json.GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task UpdateAndDeleteItem_OnAnActiveCart_ChangeTheLines()
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var cartId = await driver.NewCartAsync(("SKU-2", 1));
        var added = await driver.Client.PostAsync($"{Carts}/{cartId}/cart-items", new { productId = factory.Demo.ProductId("SKU-6"), quantity = "2" });
        var itemId = added.Json.GetProperty("cartItemId").GetString()!;

        var updated = await driver.Client.PatchAsync($"{Carts}/{cartId}/cart-items/{itemId}", new { quantity = "5" });
        var deleted = await driver.Client.DeleteAsync($"{Carts}/{cartId}/cart-items/{itemId}");
        var deletedAgain = await driver.Client.DeleteAsync($"{Carts}/{cartId}/cart-items/{itemId}");

        Assert.Equal(HttpStatusCode.OK, updated.Status);
        Assert.Equal("5", updated.Json.GetProperty("quantity").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal(HttpStatusCode.NotFound, deletedAgain.Status);
        Assert.Equal(HttpStatusCode.NotFound, (await driver.Client.GetRecordAsync("CartItem", itemId)).Status);
    }

    [Fact]
    public async Task AddItem_CartInCheckout_CancelsTheCheckoutFirst()
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var (cartId, sessionId) = await driver.NewCheckoutAsync();
        await driver.DriveToAsync(cartId, sessionId, CheckoutFlow.DeliveryMethod);

        var response = await driver.Client.PostAsync($"{Carts}/{cartId}/cart-items", new { productId = factory.Demo.ProductId("SKU-8"), quantity = 1 });

        Assert.Equal(HttpStatusCode.Created, response.Status);
        Assert.True((await driver.SessionAsync(sessionId)).GetProperty("IsArchived").GetBoolean());
        var cart = await driver.Client.GetRecordAsync("WebCart", cartId);
        Assert.Equal("Active", cart.Json.GetProperty("Status").GetString());
        Assert.Equal(0m, cart.Json.GetProperty("TotalChargeAmount").GetDecimal());
    }

    [Fact]
    public async Task AddItem_CartOfAnotherStore_Returns404()
    {
        var carol = await factory.LoginAsync(DemoData.Carol);

        var response = await carol.PostAsync($"{Carts}/{factory.Demo.CarolGlobexCart}/cart-items", new { productId = factory.Demo.ProductId("SKU-1"), quantity = 1 });

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("NOT_FOUND", response.ErrorCode);
    }
}
