using Bunit;
using Microsoft.AspNetCore.Components.Web;
using CheckoutConsole.Components.Shared.Checkout;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Components.Checkout;

public sealed class ValidationOutputsPanelTests : CheckoutPanelTestBase
{
    [Fact]
    public void Render_NoOutputs_SaysThereAreNone()
    {
        var cut = Render<ValidationOutputsPanel>(p => p.Add(x => x.Outputs, []));

        Assert.NotNull(cut.Find("[data-testid=validation-none]"));
    }

    [Fact]
    public async Task Render_InventoryError_ShowsLevelTypeMessageAndTheLine()
    {
        var view = await Scenarios.InventoryErrorAsync();

        var cut = Render<ValidationOutputsPanel>(p => p.Add(x => x.Outputs, view.ValidationOutputs).Add(x => x.Items, view.Cart.Items));

        var output = cut.Find("[data-testid=validation-output][data-level=Error]");
        Assert.Equal(ValidationTypes.Inventory, output.GetAttribute("data-type"));
        Assert.Equal($"Only 3 of {DemoData.LowStockSku} are in stock, 5 requested.", output.QuerySelector("[data-testid=validation-message]")!.TextContent);
        Assert.Contains($"line {DemoData.LowStockSku} · Ergonomic Office Chair (quantity 5)", output.QuerySelector("[data-testid=validation-related]")!.TextContent);
        Assert.Empty(cut.FindAll("[data-testid=validation-dismiss]"));
    }

    [Fact]
    public async Task Dismiss_Clicked_RaisesOnDismissWithThatOutput()
    {
        var view = await Scenarios.InventoryErrorAsync();
        CartValidationOutput? dismissed = null;
        var cut = Render<ValidationOutputsPanel>(p => p
            .Add(x => x.Outputs, view.ValidationOutputs)
            .Add(x => x.ShowDismiss, true)
            .Add(x => x.OnDismiss, (CartValidationOutput o) => dismissed = o));

        await cut.Find("[data-testid=validation-output][data-level=Error] [data-testid=validation-dismiss]").ClickAsync(new MouseEventArgs());

        Assert.Equal(view.ValidationOutputs.Single(o => o.Level == ValidationLevels.Error).Id, dismissed?.Id);
    }
}
