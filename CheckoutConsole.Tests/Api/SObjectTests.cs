using System.Net;
using CheckoutConsole.Api.SObjects;
using CheckoutConsole.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CheckoutConsole.Tests.Api;

public sealed class SObjectTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const string SObjects = SalesforceClient.Data + "/sobjects";

    /// <summary>One record of every type: Alice's checkout of twelve staplers (a volume discount, so a validation output), done to the end.</summary>
    private async Task<IReadOnlyDictionary<string, string>> RecordsAsync()
    {
        var cartId = await factory.SharedAsync("sobject-cart", async () =>
        {
            var driver = await CheckoutDriver.ForAsync(factory);
            var (cart, session) = await driver.NewCheckoutAsync(("SKU-1", 12), ("SKU-2", 1));
            await driver.DriveToAsync(cart, session, "Order Confirmation");
            return cart;
        });

        await using var db = factory.NewContext();
        var session = await db.Sessions.SingleAsync(s => s.WebCartId == cartId);
        return new Dictionary<string, string>
        {
            ["WebStore"] = factory.Demo.AcmeStoreId,
            ["Account"] = factory.Demo.AcmeAccountId,
            ["User"] = factory.Demo.UserId(DemoData.Alice),
            ["Product2"] = factory.Demo.ProductId("SKU-1"),
            ["WebCart"] = cartId,
            ["CartItem"] = (await db.CartItems.FirstAsync(i => i.CartId == cartId)).Id,
            ["CartCheckoutSession"] = session.Id,
            ["CartValidationOutput"] = (await db.ValidationOutputs.FirstAsync(o => o.CartId == cartId)).Id,
            ["BackgroundOperation"] = (await db.Operations.FirstAsync(o => o.CartId == cartId)).Id,
            ["Order"] = session.OrderId!,
            ["OrderItem"] = (await db.OrderItems.FirstAsync(i => i.OrderId == session.OrderId)).Id,
            ["OrderSummary"] = (await db.OrderSummaries.FirstAsync(s => s.OriginalOrderId == session.OrderId)).Id,
            ["Organization"] = CheckoutConsole.Api.Auth.ApiOrganization.Id,
        };
    }

    public static TheoryData<string> Types => [.. new SObjectRegistry().All.Select(t => t.Name)];

    [Theory]
    [MemberData(nameof(Types))]
    public async Task Get_EveryObjectTypeAsIntegrator_ReturnsItsFieldsWithAttributes(string type)
    {
        var id = (await RecordsAsync())[type];
        var integrator = await factory.LoginAsync(DemoData.Integrator);
        var schema = factory.Services.GetRequiredService<SObjectRegistry>().Find(type)!.Schema;

        var response = await integrator.GetRecordAsync(type, id);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var attributes = response.Json.GetProperty("attributes");
        Assert.Equal(type, attributes.GetProperty("type").GetString());
        Assert.Equal($"{SObjects}/{type}/{id}", attributes.GetProperty("url").GetString());
        Assert.Equal(["attributes", .. schema.Fields.Select(f => f.Name)], response.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(id, response.Json.GetProperty("Id").GetString());
        Assert.DoesNotContain("PasswordHash", response.Text);
        Assert.DoesNotContain("\"Version\"", response.Text);
    }

    [Fact]
    public async Task Get_FifteenCharacterId_ReturnsTheRecordWithItsEighteenCharacterId()
    {
        var cartId = (await RecordsAsync())["WebCart"];
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.GetRecordAsync("webcart", cartId[..15]);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(cartId, response.Json.GetProperty("Id").GetString());
        Assert.Equal("WebCart", response.Json.GetProperty("attributes").GetProperty("type").GetString());
        Assert.Equal("Closed", response.Json.GetProperty("Status").GetString());
    }

    [Theory]
    [InlineData("Order", "WebCart")]
    [InlineData("WebCart", "malformed")]
    [InlineData("WebCart", "missing")]
    [InlineData("Opportunity", "WebCart")]
    public async Task Get_WrongTypeOrId_Returns404NotFound(string type, string idOf)
    {
        var records = await RecordsAsync();
        var integrator = await factory.LoginAsync(DemoData.Integrator);
        var id = idOf switch
        {
            "malformed" => "0a6-bad",
            "missing" => RowContext.MissingId("0a6"),
            _ => records[idOf],
        };

        var response = await integrator.GetRecordAsync(type, id);

        Assert.Equal(HttpStatusCode.NotFound, response.Status);
        Assert.Equal("NOT_FOUND", response.ErrorCode);
    }

    [Theory]
    [InlineData(DemoData.Alice, "WebCart", true)]
    [InlineData(DemoData.Alice, "CartItem", true)]
    [InlineData(DemoData.Alice, "CartCheckoutSession", true)]
    [InlineData(DemoData.Alice, "CartValidationOutput", true)]
    [InlineData(DemoData.Alice, "BackgroundOperation", true)]
    [InlineData(DemoData.Alice, "Order", true)]
    [InlineData(DemoData.Alice, "OrderItem", true)]
    [InlineData(DemoData.Alice, "OrderSummary", true)]
    [InlineData(DemoData.Alice, "User", true)]
    [InlineData(DemoData.Alice, "Account", true)]
    [InlineData(DemoData.Bob, "WebCart", false)]
    [InlineData(DemoData.Bob, "CartItem", false)]
    [InlineData(DemoData.Bob, "CartCheckoutSession", false)]
    [InlineData(DemoData.Bob, "CartValidationOutput", false)]
    [InlineData(DemoData.Bob, "BackgroundOperation", false)]
    [InlineData(DemoData.Bob, "Order", false)]
    [InlineData(DemoData.Bob, "OrderItem", false)]
    [InlineData(DemoData.Bob, "OrderSummary", false)]
    [InlineData(DemoData.Bob, "User", false)]
    [InlineData(DemoData.Bob, "Account", true)]
    [InlineData(DemoData.Carol, "Account", false)]
    [InlineData(DemoData.Carol, "WebStore", true)]
    [InlineData(DemoData.Carol, "Product2", true)]
    [InlineData(DemoData.Dave, "WebCart", false)]
    [InlineData(DemoData.Admin, "OrderSummary", true)]
    public async Task Get_AlicesCheckoutRecords_VisibleOnlyToThoseWithAccess(string username, string type, bool visible)
    {
        var id = (await RecordsAsync())[type];
        var client = await factory.LoginAsync(username);

        var response = await client.GetRecordAsync(type, id);

        Assert.Equal(visible ? HttpStatusCode.OK : HttpStatusCode.NotFound, response.Status);
    }

    [Fact]
    public async Task Get_CartSharedWithBob_IsVisibleToBobWithItsItems()
    {
        var bob = await factory.LoginAsync(DemoData.Bob);
        var umbrellaCart = factory.Demo.AliceUmbrellaCart;

        var cart = await bob.GetRecordAsync("WebCart", umbrellaCart);
        var items = await bob.QueryAsync($"SELECT Id, Sku FROM CartItem WHERE CartId = '{umbrellaCart}'");

        Assert.Equal(HttpStatusCode.OK, cart.Status);
        Assert.Equal(2, items.Json.GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task Get_FieldsParameter_ReturnsOnlyThoseFields()
    {
        var sessionId = (await RecordsAsync())["CartCheckoutSession"];
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.GetAsync($"{SObjects}/CartCheckoutSession/{sessionId}?fields=state,IsArchived");
        var unknown = await alice.GetAsync($"{SObjects}/CartCheckoutSession/{sessionId}?fields=State,Colour");

        Assert.Equal(["attributes", "State", "IsArchived"], response.Json.EnumerateObject().Select(p => p.Name));
        Assert.Equal("Order Confirmation", response.Json.GetProperty("State").GetString());
        Assert.True(response.Json.GetProperty("IsArchived").GetBoolean());
        Assert.Equal(HttpStatusCode.BadRequest, unknown.Status);
        Assert.Equal("INVALID_FIELD", unknown.ErrorCode);
    }

    [Fact]
    public async Task DescribeGlobal_ListsEveryObjectOfTheSpec()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.GetAsync(SObjects);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(
            ["WebStore", "Account", "User", "Product2", "WebCart", "CartItem", "CartCheckoutSession", "CartValidationOutput", "BackgroundOperation", "Order", "OrderItem", "OrderSummary", "Organization"],
            response.Json.GetProperty("sobjects").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Describe_CartCheckoutSession_MarksTheFieldsAFlowMayUpdate()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.GetAsync($"{SObjects}/CartCheckoutSession/describe");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal("2z9", response.Json.GetProperty("keyPrefix").GetString());
        var updateable = response.Json.GetProperty("fields").EnumerateArray()
            .Where(f => f.GetProperty("updateable").GetBoolean()).Select(f => f.GetProperty("name").GetString());
        Assert.Equal(["State", "NextState", "IsProcessing"], updateable);
    }
}
