using System.Net;
using CheckoutConsole.Domain.Checkout;

namespace CheckoutConsole.Tests.Api;

public sealed class ConcurrencyTests(ApiFactory factory) : IClassFixture<ApiFactory>
{
    private const int Callers = 120;

    [Fact]
    public async Task Update_ManyConcurrentCallsExpectingTheSameState_ExactlyOneWinsTheRestConflict()
    {
        var driver = await CheckoutDriver.ForAsync(factory);
        var (_, sessionId) = await driver.NewCheckoutAsync();
        using var gate = new SemaphoreSlim(0);
        var calls = Enumerable.Range(0, Callers).Select(async _ =>
        {
            await gate.WaitAsync();
            return await driver.UpdateAsync(sessionId, CheckoutFlow.Start, CheckoutFlow.Inventory);
        }).ToList();

        gate.Release(Callers);
        var responses = await Task.WhenAll(calls);

        Assert.Single(responses, r => r.Status == HttpStatusCode.OK);
        var losers = responses.Where(r => r.Status != HttpStatusCode.OK).ToList();
        Assert.Equal(Callers - 1, losers.Count);
        Assert.All(losers, r =>
        {
            Assert.Equal(HttpStatusCode.Conflict, r.Status);
            Assert.Equal("CHECKOUT_CONFLICT", r.ActionErrorCode());
            Assert.Contains("'Start'", r.ActionErrorMessage());
        });
        var session = await driver.SessionAsync(sessionId);
        Assert.Equal(CheckoutFlow.Inventory, session.GetProperty("State").GetString());
    }
}
