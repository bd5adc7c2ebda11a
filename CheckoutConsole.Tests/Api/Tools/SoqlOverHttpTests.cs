using System.Net;
using System.Text.Json;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Api.Tools;

/// <summary>The SOQL that CLI and jsforce users write, over HTTP, with each caller's visibility.</summary>
public sealed class SoqlOverHttpTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    [Fact]
    public async Task Count_AnswersTotalSizeAndNoRecords_OnlyWhatTheCallerSees()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);
        var integrator = await factory.LoginAsync(DemoData.Integrator);

        var mine = await alice.QueryAsync("SELECT COUNT() FROM WebCart");
        var all = await integrator.QueryAsync("SELECT COUNT() FROM WebCart");

        Assert.Equal(2, mine.Json.GetProperty("totalSize").GetInt32());
        Assert.Equal(0, mine.Json.GetProperty("records").GetArrayLength());
        Assert.True(mine.Json.GetProperty("done").GetBoolean());
        Assert.Equal(6, all.Json.GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task GroupBy_CountsPerGroupAsAggregateResults()
    {
        var integrator = await factory.LoginAsync(DemoData.Integrator);

        var response = await integrator.QueryAsync("SELECT AccountId, COUNT(Id) carts FROM WebCart GROUP BY AccountId ORDER BY AccountId");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var groups = response.Json.GetProperty("records").EnumerateArray().ToList();
        Assert.All(groups, g => Assert.Equal("AggregateResult", g.GetProperty("attributes").GetProperty("type").GetString()));
        var counts = groups.ToDictionary(g => g.GetProperty("AccountId").GetString()!, g => g.GetProperty("carts").GetInt32());
        Assert.Equal(3, counts[factory.Demo.AcmeAccountId]);
        Assert.Equal(6, counts.Values.Sum());
    }

    [Fact]
    public async Task Aggregates_WithoutAlias_AreNamedExpr0Expr1()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.QueryAsync($"SELECT COUNT(Id), MAX(Quantity) FROM CartItem WHERE CartId = '{factory.Demo.AliceAcmeCart}'");
        var rows = await alice.QueryAsync($"SELECT Quantity FROM CartItem WHERE CartId = '{factory.Demo.AliceAcmeCart}'");

        var record = Assert.Single(response.Json.GetProperty("records").EnumerateArray());
        var quantities = rows.Json.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Quantity").GetDecimal()).ToList();
        Assert.Equal(quantities.Count, record.GetProperty("expr0").GetInt32());
        Assert.Equal(quantities.Max(), record.GetProperty("expr1").GetDecimal());
    }

    [Fact]
    public async Task Offset_SkipsRowsAfterOrdering()
    {
        var integrator = await factory.LoginAsync(DemoData.Integrator);

        var all = await integrator.QueryAsync("SELECT Name FROM WebCart ORDER BY Name");
        var page = await integrator.QueryAsync("SELECT Name FROM WebCart ORDER BY Name LIMIT 2 OFFSET 3");

        var names = all.Json.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Name").GetString()).ToList();
        Assert.Equal(names.Skip(3).Take(2), page.Json.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Name").GetString()));
    }

    [Fact]
    public async Task ParentField_IsANestedRecordWithItsOwnAttributes()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.QueryAsync($"SELECT Id, WebCart.Name, Cart.Status FROM CartItem WHERE CartId = '{factory.Demo.AliceAcmeCart}'");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var record = response.Json.GetProperty("records")[0];
        var cart = record.GetProperty("WebCart");
        Assert.Equal("WebCart", cart.GetProperty("attributes").GetProperty("type").GetString());
        Assert.Equal("Alice's office restock", cart.GetProperty("Name").GetString());
        Assert.Equal("Active", record.GetProperty("Cart").GetProperty("Status").GetString());
    }

    [Fact]
    public async Task ParentField_ThatTheCallerMayNotSee_IsNull()
    {
        var bob = await factory.LoginAsync(DemoData.Bob);

        // Alice's Umbrella cart is shared with Bob; its owner, Alice, isn't visible to him.
        var response = await bob.QueryAsync($"SELECT Id, Owner.Name FROM WebCart WHERE Id = '{factory.Demo.AliceUmbrellaCart}'");
        var own = await bob.QueryAsync($"SELECT Id, Owner.Name FROM WebCart WHERE Id = '{factory.Demo.BobCart}'");

        Assert.Equal(JsonValueKind.Null, response.Json.GetProperty("records")[0].GetProperty("Owner").ValueKind);
        Assert.Equal("Bob Baker", own.Json.GetProperty("records")[0].GetProperty("Owner").GetProperty("Name").GetString());
    }

    [Fact]
    public async Task ChildSubquery_NestsTheChildrenAsAQueryResult()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.QueryAsync($"SELECT Id, (SELECT Id, Sku FROM CartItems ORDER BY Sku) FROM WebCart WHERE Id = '{factory.Demo.AliceAcmeCart}'");
        var direct = await alice.QueryAsync($"SELECT Sku FROM CartItem WHERE CartId = '{factory.Demo.AliceAcmeCart}' ORDER BY Sku");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        var items = response.Json.GetProperty("records")[0].GetProperty("CartItems");
        Assert.True(items.GetProperty("done").GetBoolean());
        Assert.Equal(direct.Json.GetProperty("totalSize").GetInt32(), items.GetProperty("totalSize").GetInt32());
        Assert.Equal(
            direct.Json.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Sku").GetString()),
            items.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Sku").GetString()));
        Assert.Equal("CartItem", items.GetProperty("records")[0].GetProperty("attributes").GetProperty("type").GetString());
    }

    [Fact]
    public async Task DateLiterals_TodayAndLastNDays_MatchTheDemoCartsCreatedToday()
    {
        var integrator = await factory.LoginAsync(DemoData.Integrator);

        var today = await integrator.QueryAsync("SELECT COUNT() FROM WebCart WHERE CreatedDate = TODAY");
        var lastWeek = await integrator.QueryAsync("SELECT COUNT() FROM WebCart WHERE CreatedDate = LAST_N_DAYS:7");
        var yesterday = await integrator.QueryAsync("SELECT COUNT() FROM WebCart WHERE CreatedDate = YESTERDAY");

        Assert.Equal(6, today.Json.GetProperty("totalSize").GetInt32());
        Assert.Equal(6, lastWeek.Json.GetProperty("totalSize").GetInt32());
        Assert.Equal(0, yesterday.Json.GetProperty("totalSize").GetInt32());
    }

    [Fact]
    public async Task NotAndNotEqualAndInWithBothIdLengths_FilterAsSalesforceDoes()
    {
        var integrator = await factory.LoginAsync(DemoData.Integrator);
        var alice15 = factory.Demo.AliceAcmeCart[..15];

        var inBoth = await integrator.QueryAsync($"SELECT Id FROM WebCart WHERE Id IN ('{alice15}', '{factory.Demo.BobCart}')");
        var notEqual = await integrator.QueryAsync($"SELECT COUNT() FROM WebCart WHERE Id != '{alice15}'");
        var not = await integrator.QueryAsync($"SELECT COUNT() FROM WebCart WHERE NOT (Id = '{alice15}' OR Id = '{factory.Demo.BobCart}')");

        Assert.Equal([factory.Demo.AliceAcmeCart, factory.Demo.BobCart],
            inBoth.Json.GetProperty("records").EnumerateArray().Select(r => r.GetProperty("Id").GetString()).Order());
        Assert.Equal(5, notEqual.Json.GetProperty("totalSize").GetInt32());
        Assert.Equal(4, not.Json.GetProperty("totalSize").GetInt32());
    }

    [Theory]
    [InlineData("SELECT Id, COUNT() FROM WebCart", "MALFORMED_QUERY")]
    [InlineData("SELECT Name, COUNT(Id) FROM WebCart", "MALFORMED_QUERY")]
    [InlineData("SELECT Id, Nope.Name FROM CartItem", "INVALID_FIELD")]
    [InlineData("SELECT Id, (SELECT Id FROM Nothings) FROM WebCart", "INVALID_TYPE")]
    [InlineData("SELECT Id FROM WebCart OFFSET 2001", "MALFORMED_QUERY")]
    [InlineData("SELECT Id FROM WebCart WHERE CreatedDate = LAST_N_DAYS", "MALFORMED_QUERY")]
    [InlineData("SELECT SUM(Name) FROM WebCart", "MALFORMED_QUERY")]
    public async Task BadQuery_Returns400WithTheSoqlErrorCode(string soql, string code)
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await alice.QueryAsync(soql);

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal(code, response.ErrorCode);
    }

    [Fact]
    public async Task Columns_DescribesFieldsParentPathsSubqueriesAndAggregates()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var plain = await alice.GetAsync($"{SalesforceClient.Data}/query?q={Uri.EscapeDataString("SELECT Id, Name, Owner.Name, (SELECT Sku FROM CartItems) FROM WebCart")}&columns=true");
        var aggregate = await alice.GetAsync($"{SalesforceClient.Data}/query?q={Uri.EscapeDataString("SELECT Status, COUNT(Id) FROM WebCart GROUP BY Status")}&columns=true");

        Assert.Equal(HttpStatusCode.OK, plain.Status);
        Assert.Equal("WebCart", plain.Json.GetProperty("entityName").GetString());
        Assert.Equal("0a6", plain.Json.GetProperty("keyPrefix").GetString());
        Assert.True(plain.Json.GetProperty("idSelected").GetBoolean());
        Assert.False(plain.Json.GetProperty("groupBy").GetBoolean());
        var columns = plain.Json.GetProperty("columnMetadata").EnumerateArray().ToList();
        Assert.Equal(["Id", "Name", "Owner", "CartItems"], columns.Select(c => c.GetProperty("columnName").GetString()));
        Assert.Equal("Id", columns[0].GetProperty("apexType").GetString());
        Assert.Equal(["Name"], columns[2].GetProperty("joinColumns").EnumerateArray().Select(c => c.GetProperty("columnName").GetString()));
        Assert.False(columns[2].GetProperty("aggregate").GetBoolean());
        Assert.True(columns[3].GetProperty("aggregate").GetBoolean());
        Assert.Equal(["Sku"], columns[3].GetProperty("joinColumns").EnumerateArray().Select(c => c.GetProperty("columnName").GetString()));
        var grouped = aggregate.Json.GetProperty("columnMetadata").EnumerateArray().ToList();
        Assert.True(aggregate.Json.GetProperty("groupBy").GetBoolean());
        Assert.Equal(["Status", "expr0"], grouped.Select(c => c.GetProperty("columnName").GetString()));
        Assert.Equal("COUNT(Id)", grouped[1].GetProperty("displayName").GetString());
        Assert.True(grouped[1].GetProperty("aggregate").GetBoolean());
    }
}
