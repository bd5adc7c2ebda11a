using Bunit;
using CheckoutConsole.Components.Pages.Buyer;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Components.Buyer;

public sealed class MyCartsPageTests : BuyerPageTestBase
{
    [Fact]
    public void Render_Alice_ListsHerTwoCartsOnly()
    {
        SignIn(DemoData.Alice);

        var cut = Render<MyCartsPage>();

        Assert.Equal(["Alice's office restock", "Umbrella Corp order"],
            cut.FindAll("[data-testid=cart-row]").Select(r => r.GetAttribute("data-cart-name")).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Render_Bob_ListsHisCartAndTheOneSharedWithHim()
    {
        SignIn(DemoData.Bob);

        var cut = Render<MyCartsPage>();

        var rows = cut.FindAll("[data-testid=cart-row]");
        Assert.Equal(["Bob's desk setup", "Umbrella Corp order"], rows.Select(r => r.GetAttribute("data-cart-name")).Order(StringComparer.Ordinal));
        Assert.Contains("shared by Alice Adams", rows.Single(r => r.GetAttribute("data-cart-name") == "Umbrella Corp order").TextContent);
    }

    [Fact]
    public async Task CheckoutStartedElsewhere_ShowsTheSessionStateWithoutReload()
    {
        SignIn(DemoData.Alice);
        var cut = Render<MyCartsPage>();

        await Scenarios.StartAsync();

        cut.WaitForAssertion(() =>
        {
            var row = cut.Find($"[data-testid=cart-row][data-cart-id='{Scenarios.CartId}']");
            Assert.Equal(CheckoutFlow.Start, row.QuerySelector("[data-testid=cart-row-state]")?.TextContent);
            Assert.Equal("Checkout", row.QuerySelector("[data-testid=cart-row-status]")?.GetAttribute("data-status"));
        });
    }
}
