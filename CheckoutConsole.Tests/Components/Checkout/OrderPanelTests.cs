using Bunit;
using CheckoutConsole.Components.Shared.Checkout;
using CheckoutConsole.Domain.Orders;

namespace CheckoutConsole.Tests.Components.Checkout;

public sealed class OrderPanelTests : CheckoutPanelTestBase
{
    [Fact]
    public void Render_NoOrder_ExplainsWhichTaskCreatesIt()
    {
        var cut = Render<OrderPanel>();

        Assert.Contains("Cart To Order", cut.Find("[data-testid=order-none]").TextContent);
        Assert.NotNull(cut.Find("[data-testid=order-summary-none]"));
    }

    [Fact]
    public async Task Render_CompletedCheckout_ShowsActivatedOrderItemsAndSummary()
    {
        var view = await Scenarios.CompleteAsync();

        var cut = Render<OrderPanel>(p => p.Add(x => x.Order, view.Order).Add(x => x.Summary, view.Summary));

        Assert.Equal(OrderStatuses.Activated, cut.Find("[data-testid=order-status]").GetAttribute("data-status"));
        Assert.Equal(view.Order!.Items.Count, cut.FindAll("[data-testid=order-item]").Count);
        Assert.Contains(CheckoutFacts.FormatMoney(view.Order.TotalAmount), cut.Find("[data-testid=order-total]").TextContent);
        Assert.Equal(view.Summary!.Id, cut.Find("[data-testid=order-summary-id]").TextContent);
    }
}
