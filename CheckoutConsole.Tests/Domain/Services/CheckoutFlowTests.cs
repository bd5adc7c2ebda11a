using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Orders;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Tests.Domain.Services;

public sealed class CheckoutFlowTests
{
    [Theory]
    [InlineData(TestProvider.InMemory)]
    [InlineData(TestProvider.Sqlite)]
    public async Task AdvanceAsync_FromStartToOrderConfirmation_PlacesActivatedOrderWithSummary(TestProvider provider)
    {
        await using var harness = await DomainHarness.CreateAsync(provider);
        var alice = harness.As(DemoData.Alice);
        var sessionId = (await harness.Service.CheckoutSessionAsync(alice, harness.Demo.AliceAcmeCart)).Value!;
        var visited = new List<string>();

        for (var step = 0; step < 30; step++)
        {
            var session = await harness.SessionAsync(sessionId);
            visited.Add(session.State);
            if (session.State == CheckoutFlow.OrderConfirmation)
            {
                break;
            }

            var result = await harness.Service.AdvanceAsync(alice, sessionId, session.State);
            Assert.True(result.IsSuccess, $"step from {session.State}: {result.Error}");
            await harness.DrainQueueAsync();
        }

        await harness.DrainQueueAsync();
        await using var db = harness.NewContext();
        var final = await db.Sessions.SingleAsync(s => s.Id == sessionId);
        var cart = await db.Carts.SingleAsync(c => c.Id == harness.Demo.AliceAcmeCart);
        var order = await db.Orders.SingleAsync(o => o.CheckoutSessionId == sessionId);
        Assert.Equal([.. CheckoutFlow.Steps.Select(s => s.State)], visited);
        Assert.True(final.IsArchived);
        Assert.False(final.IsProcessing);
        Assert.Equal(CartStatuses.Closed, cart.Status);
        Assert.Equal(OrderStatuses.Activated, order.Status);
        Assert.Equal(cart.GrandTotalAmount, order.TotalAmount);
        Assert.Equal(cart.Items.Count, order.Items.Count);
        Assert.Contains(order.Items, i => i.Type == OrderItemTypes.DeliveryCharge);
        Assert.True(cart.TotalTaxAmount > 0);
        Assert.Equal(cart.TotalProductAmount + cart.TotalChargeAmount + cart.TotalTaxAmount, cart.GrandTotalAmount);
        Assert.Single(await db.OrderSummaries.Where(s => s.OriginalOrderId == order.Id).ToListAsync());
        Assert.All(await db.Operations.Where(o => o.CartId == cart.Id).ToListAsync(), o => Assert.Equal(OperationStatuses.Complete, o.Status));
    }
}
