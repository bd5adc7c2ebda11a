using Bunit;
using CheckoutConsole.Components.Shared.Checkout;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Components.Checkout;

public sealed class CartPanelTests : CheckoutPanelTestBase
{
    [Fact]
    public async Task Render_CartAfterShipping_ShowsStatusLinesChargeAndTotals()
    {
        var view = await Scenarios.AtAsync(CheckoutFlow.DeliveryMethod);

        var cut = Render<CartPanel>(p => p.Add(x => x.Cart, view.Cart).Add(x => x.StoreName, view.Store.Name));

        Assert.Equal("Checkout", cut.Find("[data-testid=cart-status]").GetAttribute("data-status"));
        Assert.Equal(["SKU-1", "SKU-2", "SKU-5", "SHIPPING"], cut.FindAll("[data-testid=cart-line]").Select(l => l.GetAttribute("data-sku")));
        Assert.Equal(CheckoutFacts.FormatMoney(view.Cart.TotalChargeAmount), cut.Find("[data-testid=total-charges]").TextContent);
        Assert.Equal(CheckoutFacts.FormatMoney(view.Cart.GrandTotalAmount), cut.Find("[data-testid=total-grand]").TextContent);
        Assert.Contains(DemoData.AcmeStore, cut.Markup);
    }

    [Fact]
    public async Task Render_LineAnErrorIsAbout_MarksThatLineOnly()
    {
        var view = await Scenarios.InventoryErrorAsync();
        var problem = view.ValidationOutputs.Single(o => o.Level == ValidationLevels.Error).RelatedEntityId!;

        var cut = Render<CartPanel>(p => p.Add(x => x.Cart, view.Cart).Add(x => x.ProblemItemIds, new HashSet<string> { problem }));

        var marked = cut.FindAll("[data-testid=cart-line][data-problem=true]");
        Assert.Equal(DemoData.LowStockSku, Assert.Single(marked).GetAttribute("data-sku"));
    }
}
