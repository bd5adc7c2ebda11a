using System.Net;
using System.Text.Json;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Api;

public sealed class QueryTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Query_TheFlowsSessionQuery_ReturnsTheOpenSessionWithAttributes()
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var (cartId, sessionId) = await driver.NewCheckoutAsync();
        await driver.UpdateAsync(sessionId, CheckoutFlow.Start, CheckoutFlow.Inventory);
        await driver.UpdateAsync(sessionId, CheckoutFlow.Inventory, CheckoutFlow.ConfirmPrice);

        var response = await driver.Client.QueryAsync(
            $"SELECT Id, State, NextState, IsProcessing FROM CartCheckoutSession WHERE WebCartId = '{cartId}' AND IsArchived = false");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(1, response.Json.GetProperty("totalSize").GetInt32());
        Assert.True(response.Json.GetProperty("done").GetBoolean());
        var record = response.Json.GetProperty("records")[0];
        Assert.Equal(["attributes", "Id", "State", "NextState", "IsProcessing"], record.EnumerateObject().Select(p => p.Name));
        Assert.Equal("CartCheckoutSession", record.GetProperty("attributes").GetProperty("type").GetString());
        Assert.Equal($"{SalesforceClient.Data}/sobjects/CartCheckoutSession/{sessionId}", record.GetProperty("attributes").GetProperty("url").GetString());
        Assert.Equal(sessionId, record.GetProperty("Id").GetString());
        Assert.Equal(CheckoutFlow.Inventory, record.GetProperty("State").GetString());
        Assert.Equal(CheckoutFlow.ConfirmPrice, record.GetProperty("NextState").GetString());
        Assert.False(record.GetProperty("IsProcessing").GetBoolean());
    }

    [Fact]
    public async Task Query_IdNotSelected_StillGivesEachRecordItsUrl()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.QueryAsync($"SELECT Name FROM WebCart WHERE Id = '{factory.Demo.AliceAcmeCart[..15]}'");

        var record = response.Json.GetProperty("records")[0];
        Assert.Equal(["attributes", "Name"], record.EnumerateObject().Select(p => p.Name));
        Assert.Equal($"{SalesforceClient.Data}/sobjects/WebCart/{factory.Demo.AliceAcmeCart}", record.GetProperty("attributes").GetProperty("url").GetString());
        Assert.Equal("Alice's office restock", record.GetProperty("Name").GetString());
    }

    [Theory]
    [InlineData(DemoData.Alice, 2)]
    [InlineData(DemoData.Bob, 2)]
    [InlineData(DemoData.Carol, 2)]
    [InlineData(DemoData.Dave, 1)]
    [InlineData(DemoData.Integrator, 6)]
    public async Task Query_DemoCarts_ReturnsOnlyTheCartsTheCallerMaySee(string username, int expected)
    {
        var client = await factory.LoginAsync(username);
        var demoCarts = string.Join(", ", new[]
        {
            factory.Demo.AliceAcmeCart, factory.Demo.AliceUmbrellaCart, factory.Demo.BobCart,
            factory.Demo.CarolGlobexCart, factory.Demo.CarolAcmeCart, factory.Demo.DaveCart,
        }.Select(id => $"'{id}'"));

        var response = await client.QueryAsync($"SELECT Id, OwnerId FROM WebCart WHERE Id IN ({demoCarts}) ORDER BY Name");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(expected, response.Json.GetProperty("totalSize").GetInt32());
        Assert.Equal(expected, response.Json.GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task Query_SharedCart_IsAmongBobsCarts()
    {
        var bob = await factory.LoginAsync(DemoData.Bob);

        var response = await bob.QueryAsync("SELECT Id, Name FROM WebCart WHERE Name LIKE '%Umbrella%' OR Name LIKE 'Bob%' ORDER BY Name");

        Assert.Equal(["Bob's desk setup", "Umbrella Corp order"],
            response.Json.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Name").GetString()));
    }

    [Fact]
    public async Task Query_NumbersDatesAndLimit_AreWrittenAsSalesforceWritesThem()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.QueryAsync("SELECT Sku, ListPrice, StockQuantity FROM Product2 WHERE ListPrice > 100 ORDER BY ListPrice DESC LIMIT 2");
        var cart = await alice.QueryAsync($"SELECT CreatedDate FROM WebCart WHERE Id = '{factory.Demo.AliceAcmeCart}'");

        var records = response.Json.GetProperty("records").EnumerateArray().ToList();
        Assert.Equal(2, records.Count);
        Assert.Equal("SKU-4", records[0].GetProperty("Sku").GetString());
        Assert.Equal(JsonValueKind.Number, records[0].GetProperty("ListPrice").ValueKind);
        Assert.Equal(649.00m, records[0].GetProperty("ListPrice").GetDecimal());
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}\+0000$", cart.Json.GetProperty("records")[0].GetProperty("CreatedDate").GetString());
    }

    [Theory]
    [InlineData("SELECT Id FROM", "MALFORMED_QUERY")]
    [InlineData("SELECT Id, FROM WebCart", "MALFORMED_QUERY")]
    [InlineData("DELETE FROM WebCart", "MALFORMED_QUERY")]
    [InlineData("SELECT Id FROM WebCart WHERE Name = 'unterminated", "MALFORMED_QUERY")]
    [InlineData("SELECT Colour FROM WebCart", "INVALID_FIELD")]
    [InlineData("SELECT Id FROM WebCart WHERE Colour = 'blue'", "INVALID_FIELD")]
    [InlineData("SELECT Id, PasswordHash FROM User", "INVALID_FIELD")]
    [InlineData("SELECT Id FROM Opportunity", "INVALID_TYPE")]
    public async Task Query_BadSoql_Returns400WithSalesforcesCode(string soql, string errorCode)
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.QueryAsync(soql);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(errorCode, response.ErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(response.ErrorMessage));
    }

    [Fact]
    public async Task Query_NoQ_Returns400MalformedQuery()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.GetAsync($"{SalesforceClient.Data}/query");

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("MALFORMED_QUERY", response.ErrorCode);
    }
}
