using Bunit;
using Microsoft.AspNetCore.Components.Web;
using CheckoutConsole.Components.Pages.Buyer;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Components.Buyer;

public sealed class CartPageTests : BuyerPageTestBase
{
    [Fact]
    public void Render_AlicesCart_ShowsItsLinesAndTheCatalog()
    {
        SignIn(DemoData.Alice);

        var cut = RenderCart(Scenarios.CartId);

        Assert.Equal(["SKU-1", "SKU-2", "SKU-5"], cut.FindAll("[data-testid=edit-line]").Select(l => l.GetAttribute("data-sku")));
        Assert.Equal(9, cut.FindAll("[data-testid=catalog-product]").Count);
        Assert.Equal("Active", cut.Find("[data-testid=cart-page-status]").GetAttribute("data-status"));
    }

    [Fact]
    public async Task AddProduct_QuantityFive_AddsTheLineAndSaysSo()
    {
        SignIn(DemoData.Alice);
        var cut = RenderCart(Scenarios.CartId);
        await Catalog(cut, DemoData.LowStockSku, "catalog-quantity").ChangeAsync("5");

        await Catalog(cut, DemoData.LowStockSku, "catalog-add").ClickAsync(new MouseEventArgs());

        Assert.Equal("Added 5 × Ergonomic Office Chair (SKU-3).", Assert.Single(Snackbars));
        Assert.Equal("5", Line(cut, DemoData.LowStockSku, "line-quantity").GetAttribute("value"));
        Assert.Contains((await Scenarios.ViewAsync()).Cart.Items, i => i.Sku == DemoData.LowStockSku && i.Quantity == 5);
    }

    [Theory]
    [InlineData("0", "Invalid quantity: expected a whole number from 1 to 10,000, found 0.")]
    [InlineData("10001", "Invalid quantity: expected a whole number from 1 to 10,000, found 10001.")]
    [InlineData("1.5", "Invalid quantity: expected a whole number from 1 to 10,000, found '1.5'.")]
    [InlineData("many", "Invalid quantity: expected a whole number from 1 to 10,000, found 'many'.")]
    public async Task UpdateQuantity_OutsideOneToTenThousand_ShowsWhyAndKeepsTheLine(string typed, string message)
    {
        SignIn(DemoData.Alice);
        var cut = RenderCart(Scenarios.CartId);
        await Line(cut, "SKU-1", "line-quantity").ChangeAsync(typed);

        await Line(cut, "SKU-1", "line-update").ClickAsync(new MouseEventArgs());

        Assert.Equal(message, cut.Find("[data-testid=cart-error]").TextContent);
        Assert.Equal(message, Assert.Single(Snackbars));
        Assert.Contains((await Scenarios.ViewAsync()).Cart.Items, i => i.Sku == "SKU-1" && i.Quantity == 12);
    }

    [Fact]
    public async Task RemoveLine_Clicked_RemovesIt()
    {
        SignIn(DemoData.Alice);
        var cut = RenderCart(Scenarios.CartId);

        await Line(cut, "SKU-2", "line-remove").ClickAsync(new MouseEventArgs());

        Assert.Equal(["SKU-1", "SKU-5"], cut.FindAll("[data-testid=edit-line]").Select(l => l.GetAttribute("data-sku")));
        Assert.Equal("Removed Copy Paper, 10 Reams (SKU-2).", Assert.Single(Snackbars));
    }

    [Fact]
    public async Task UpdateQuantity_CartInCheckout_CancelsTheCheckoutAndSaysWhy()
    {
        SignIn(DemoData.Alice);
        await Scenarios.AtAsync(CheckoutFlow.Inventory);
        var cut = RenderCart(Scenarios.CartId);
        Assert.NotNull(cut.Find("[data-testid=in-checkout-warning]"));
        await Line(cut, "SKU-1", "line-quantity").ChangeAsync("5");

        await Line(cut, "SKU-1", "line-update").ClickAsync(new MouseEventArgs());

        Assert.Contains("You edited the cart (quantity changed) while the checkout was at 'Inventory'", cut.Find("[data-testid=checkout-canceled-notice]").TextContent);
        Assert.Equal("Active", cut.Find("[data-testid=cart-page-status]").GetAttribute("data-status"));
        Assert.Empty(cut.FindAll("[data-testid=in-checkout-warning]"));
        Assert.True((await Scenarios.ViewAsync()).ArchivedSessions[0].IsArchived);
    }

    [Fact]
    public async Task EditElsewhere_AnotherBrowserChangesALine_ShowsItWithoutReload()
    {
        SignIn(DemoData.Alice);
        var cut = RenderCart(Scenarios.CartId);
        var line = (await Scenarios.ViewAsync()).Cart.Items.Single(i => i.Sku == "SKU-5");

        await Harness.Carts.UpdateCartItemQuantityAsync(Scenarios.Alice, Scenarios.CartId, line.Id, 7);

        cut.WaitForAssertion(() => Assert.Equal("7", Line(cut, "SKU-5", "line-quantity").GetAttribute("value")));
    }

    [Fact]
    public void Render_SomeoneElsesCart_ShowsNotFound()
    {
        SignIn(DemoData.Bob);

        var cut = RenderCart(Scenarios.CartId);

        Assert.NotNull(cut.Find("[data-testid=not-found]"));
        Assert.Empty(cut.FindAll("[data-testid=edit-lines]"));
    }

    [Fact]
    public async Task Render_ClosedCart_OffersNoEditing()
    {
        SignIn(DemoData.Alice);
        await Scenarios.CompleteAsync();

        var cut = RenderCart(Scenarios.CartId);

        Assert.NotNull(cut.Find("[data-testid=closed-notice]"));
        Assert.Empty(cut.FindAll("[data-testid=line-update]"));
        Assert.Empty(cut.FindAll("[data-testid=catalog-add]"));
    }

    [Fact]
    public void Render_DavesCartWithoutPermissions_NoLineControlsAndTheEditsReason()
    {
        SignIn(DemoData.Dave);

        var cut = RenderCart(Harness.Demo.DaveCart);

        Assert.NotEmpty(cut.FindAll("[data-testid=edit-line]"));
        Assert.Empty(cut.FindAll("[data-testid=line-update]"));
        Assert.Empty(cut.FindAll("[data-testid=line-remove]"));
        Assert.Empty(cut.FindAll("[data-testid=catalog-add]"));
        Assert.Contains("User dave@acme.example can't invoke cartEdit", cut.Find("[data-testid=line-edit-blocker]").TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<CartPage> RenderCart(string cartId) => Render<CartPage>(p => p.Add(x => x.CartId, cartId));

    private static AngleSharp.Dom.IElement Line(IRenderedComponent<CartPage> cut, string sku, string testId) =>
        cut.Find($"[data-testid=edit-line][data-sku='{sku}'] [data-testid={testId}]");

    private static AngleSharp.Dom.IElement Catalog(IRenderedComponent<CartPage> cut, string sku, string testId) =>
        cut.Find($"[data-testid=catalog-product][data-sku='{sku}'] [data-testid={testId}]");
}
