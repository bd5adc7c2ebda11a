using System.Net;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Tests.TestSupport;

namespace CheckoutConsole.Tests.Api.Tools;

/// <summary>The app with a clock the test moves, and 2,100 carts of Alice's beside the demo data.</summary>
public sealed class ManyCartsApiFactory() : ApiFactory(null, new TestClock())
{
    public const int ExtraCarts = 2_100;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await ManyCarts.CreateAsync(Services, Demo.UserId(DemoData.Alice), Demo.AcmeStoreId, Demo.AcmeAccountId, ExtraCarts);
    }
}

public sealed class QueryPagingTests(ManyCartsApiFactory factory) : IClassFixture<ManyCartsApiFactory>
{
    [Fact]
    public async Task Query_MoreThan2000Records_AnswersPagesOf2000WithNextRecordsUrl()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);
        var expected = ManyCartsApiFactory.ExtraCarts + 2;

        var first = await alice.QueryAsync($"SELECT Id, Name FROM WebCart WHERE OwnerId = '{factory.Demo.UserId(DemoData.Alice)}' ORDER BY Id");
        var next = first.Json.GetProperty("nextRecordsUrl").GetString()!;
        var second = await alice.GetAsync(next);

        Assert.Equal(expected, first.Json.GetProperty("totalSize").GetInt32());
        Assert.False(first.Json.GetProperty("done").GetBoolean());
        Assert.Equal(2_000, first.Json.GetProperty("records").GetArrayLength());
        Assert.Matches(@"^/services/data/v62\.0/query/01g\w{15}-2000$", next);
        Assert.True(second.Json.GetProperty("done").GetBoolean());
        Assert.Equal(expected - 2_000, second.Json.GetProperty("records").GetArrayLength());
        Assert.False(second.Json.TryGetProperty("nextRecordsUrl", out _));
        var ids = first.Json.GetProperty("records").EnumerateArray().Concat(second.Json.GetProperty("records").EnumerateArray())
            .Select(r => r.GetProperty("Id").GetString()).ToList();
        Assert.Equal(expected, ids.Distinct().Count());
    }

    [Theory]
    [InlineData("batchSize=500", 500)]
    [InlineData("batchSize=50", 200)]
    [InlineData("batchSize=9999", 2000)]
    [InlineData("batchSize=abc", 2000)]
    public async Task Query_SforceQueryOptionsBatchSize_SetsThePageSizeWithin200To2000(string option, int expected)
    {
        var alice = await factory.LoginAsync(DemoData.Alice);

        var response = await SendWithOptions(alice, $"{SalesforceClient.Data}/query?q={Uri.EscapeDataString("SELECT Id FROM WebCart")}", option);

        Assert.Equal(expected, response.Json.GetProperty("records").GetArrayLength());
        Assert.EndsWith($"-{expected}", response.Json.GetProperty("nextRecordsUrl").GetString());
    }

    [Fact]
    public async Task NextPage_UnknownOrAnotherUsersLocator_Returns400InvalidQueryLocator()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);
        var integrator = await factory.LoginAsync(DemoData.Integrator);
        var first = await alice.QueryAsync("SELECT Id FROM WebCart");
        var next = first.Json.GetProperty("nextRecordsUrl").GetString()!;

        var stolen = await integrator.GetAsync(next);
        var unknown = await alice.GetAsync($"{SalesforceClient.Data}/query/01gAAAAAAAAAAAAAAA-2000");
        var garbage = await alice.GetAsync($"{SalesforceClient.Data}/query/not-a-locator");

        foreach (var response in new[] { stolen, unknown, garbage })
        {
            Assert.Equal(HttpStatusCode.BadRequest, response.Status);
            Assert.Equal("INVALID_QUERY_LOCATOR", response.ErrorCode);
        }

        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync(next)).Status);
    }

    [Fact]
    public async Task NextPage_LocatorUnusedFor15Minutes_HasExpired()
    {
        var alice = await factory.LoginAsync(DemoData.Alice);
        var first = await alice.QueryAsync("SELECT Id FROM WebCart");
        var next = first.Json.GetProperty("nextRecordsUrl").GetString()!;

        factory.Clock!.Advance(TimeSpan.FromMinutes(16));
        var expired = await alice.GetAsync(next);

        Assert.Equal(HttpStatusCode.BadRequest, expired.Status);
        Assert.Equal("INVALID_QUERY_LOCATOR", expired.ErrorCode);
    }

    [Fact]
    public async Task QueryAll_CountOfEveryCart_AnswersLikeQuery()
    {
        var integrator = await factory.LoginAsync(DemoData.Integrator);

        var all = await integrator.GetAsync($"{SalesforceClient.Data}/queryAll?q={Uri.EscapeDataString("SELECT COUNT() FROM WebCart")}");

        Assert.Equal(HttpStatusCode.OK, all.Status);
        Assert.Equal(ManyCartsApiFactory.ExtraCarts + 6, all.Json.GetProperty("totalSize").GetInt32());
        Assert.Equal(0, all.Json.GetProperty("records").GetArrayLength());
    }

    [Fact]
    public async Task Locators_AreBoundedInNumber()
    {
        var locators = factory.Services.GetService(typeof(CheckoutConsole.Api.Query.QueryLocators)) as CheckoutConsole.Api.Query.QueryLocators;
        var alice = await factory.LoginAsync(DemoData.Alice);

        for (var i = 0; i < CheckoutConsole.Api.Query.QueryLocators.MaxLocators + 5; i++)
        {
            await SendWithOptions(alice, $"{SalesforceClient.Data}/query?q={Uri.EscapeDataString("SELECT Id FROM WebCart LIMIT 400")}", "batchSize=200");
        }

        Assert.Equal(100, locators!.Count);
    }

    private static async Task<ApiResponse> SendWithOptions(SalesforceClient client, string path, string options)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {client.Token}");
        request.Headers.TryAddWithoutValidation("Sforce-Query-Options", options);
        using var message = await client.Http.SendAsync(request);
        return await ApiResponse.ReadAsync(message);
    }
}
