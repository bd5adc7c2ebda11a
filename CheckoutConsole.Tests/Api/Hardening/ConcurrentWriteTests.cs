using System.Net;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using Xunit.Abstractions;

namespace CheckoutConsole.Tests.Api.Hardening;

/// <summary>
/// Finding 4 of #14: concurrent writes to one record end in a success or a documented 4xx that
/// the client may retry (409 CHECKOUT_CONFLICT), never a 500, on both single-file providers.
/// </summary>
public sealed class ConcurrentWriteTests(ITestOutputHelper output)
{
    private const int Callers = 100;

    [Theory]
    [InlineData(Store.InMemory)]
    [InlineData(Store.Sqlite)]
    public async Task Cancel_ManyConcurrentCallsOnOneCart_AllSucceedAndTheCartIsActive(Store provider)
    {
        await using var factory = await StartAsync(provider);
        var driver = await CheckoutDriver.ForAsync(factory);
        var (cartId, sessionId) = await driver.NewCheckoutAsync();

        var responses = await AllAtOnceAsync(() => driver.Client.InvokeAsync("cancelCartAsyncOperation", new { cartId }));

        Report(provider, "cancelCartAsyncOperation", responses);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var cart = await driver.Client.GetRecordAsync("WebCart", cartId);
        Assert.Equal("Active", cart.Json.GetProperty("Status").GetString());
        Assert.True((await driver.SessionAsync(sessionId)).GetProperty("IsArchived").GetBoolean());
    }

    [Theory]
    [InlineData(Store.InMemory)]
    [InlineData(Store.Sqlite)]
    public async Task AddCartItem_ManyConcurrentPostsOfOneProduct_EverySuccessIsCountedAndNoneFailsWith500(Store provider)
    {
        await using var factory = await StartAsync(provider);
        var driver = await CheckoutDriver.ForAsync(factory);
        var cartId = await driver.NewCartAsync(("SKU-1", 1));
        var path = $"{SalesforceClient.Data}/commerce/webstores/{factory.Demo.AcmeStoreId}/carts/{cartId}/cart-items";

        var responses = await AllAtOnceAsync(() => driver.Client.PostAsync(path, new { productId = factory.Demo.ProductId("SKU-2"), quantity = 1, type = "Product" }));

        Report(provider, "cart-item POST", responses);
        AssertSuccessOrRetryableConflict(responses, HttpStatusCode.Created);
        var added = responses.Count(r => r.Status == HttpStatusCode.Created);
        var lines = await driver.Client.QueryAsync($"SELECT Quantity FROM CartItem WHERE CartId = '{cartId}' AND Product2Id = '{factory.Demo.ProductId("SKU-2")}'");
        Assert.Equal(added, lines.Json.GetProperty("records")[0].GetProperty("Quantity").GetInt32());
    }

    [Theory]
    [InlineData(Store.InMemory)]
    [InlineData(Store.Sqlite)]
    public async Task PatchSession_ManyConcurrentRecordUpdates_EachSucceedsOrConflictsRetryably(Store provider)
    {
        await using var factory = await StartAsync(provider);
        var driver = await CheckoutDriver.ForAsync(factory);
        var (_, sessionId) = await driver.NewCheckoutAsync();
        var i = 0;

        var responses = await AllAtOnceAsync(() => driver.PatchSessionAsync(sessionId, new { IsProcessing = Interlocked.Increment(ref i) % 2 == 0 }));

        Report(provider, "session PATCH", responses);
        AssertSuccessOrRetryableConflict(responses, HttpStatusCode.NoContent);
        Assert.Contains(responses, r => r.Status == HttpStatusCode.NoContent);
    }

    [Theory]
    [InlineData(Store.InMemory)]
    [InlineData(Store.Sqlite)]
    public async Task PatchCartItem_RacingItsDelete_EndsInSuccessOrNotFoundNever500(Store provider)
    {
        await using var factory = await StartAsync(provider);
        var driver = await CheckoutDriver.ForAsync(factory);
        var statuses = new List<HttpStatusCode>();
        for (var round = 0; round < 15; round++)
        {
            var cartId = await driver.NewCartAsync(("SKU-1", 1));
            var items = await driver.Client.QueryAsync($"SELECT Id FROM CartItem WHERE CartId = '{cartId}'");
            var itemPath = $"{SalesforceClient.Data}/commerce/webstores/{factory.Demo.AcmeStoreId}/carts/{cartId}/cart-items/{items.Json.GetProperty("records")[0].GetProperty("Id").GetString()}";

            var responses = await Task.WhenAll(
                driver.Client.PatchAsync(itemPath, new { quantity = 3 }),
                driver.Client.DeleteAsync(itemPath),
                driver.Client.PatchAsync(itemPath, new { quantity = 4 }));

            statuses.AddRange(responses.Select(r => r.Status));
            Assert.All(responses, r => Assert.True(r.StatusCode < 500, $"{r.StatusCode}: {r.Text}"));
        }

        output.WriteLine($"{provider}: PATCH racing DELETE, 15 rounds: " + string.Join(", ", statuses.GroupBy(s => (int)s).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}")));
    }

    private static async Task<ApiFactory> StartAsync(Store provider)
    {
        ApiFactory factory = provider == Store.Sqlite ? new SqliteApiFactory() : new ApiFactory();
        await factory.InitializeAsync();
        return factory;
    }

    private static async Task<ApiResponse[]> AllAtOnceAsync(Func<Task<ApiResponse>> call)
    {
        using var gate = new SemaphoreSlim(0);
        var calls = Enumerable.Range(0, Callers).Select(async _ =>
        {
            await gate.WaitAsync();
            return await call();
        }).ToList();
        gate.Release(Callers);
        return await Task.WhenAll(calls);
    }

    private void Report(Store provider, string what, ApiResponse[] responses) =>
        output.WriteLine($"{provider}: {Callers} concurrent {what}: " +
            string.Join(", ", responses.GroupBy(r => r.StatusCode).OrderBy(g => g.Key).Select(g => $"{g.Count()} × {g.Key}")));

    private static void AssertSuccessOrRetryableConflict(ApiResponse[] responses, HttpStatusCode success) =>
        Assert.All(responses, r =>
        {
            if (r.Status != success)
            {
                Assert.Equal(HttpStatusCode.Conflict, r.Status);
                Assert.Equal("CHECKOUT_CONFLICT", r.ErrorCode);
                Assert.Contains("retry", r.ErrorMessage, StringComparison.OrdinalIgnoreCase);
            }
        });
}
