using Bunit;
using CheckoutConsole.Components.Shared.Checkout;
using CheckoutConsole.Domain.Checkout;
using Microsoft.AspNetCore.Components;

namespace CheckoutConsole.Tests.Components.Checkout;

public sealed class CheckoutPanelsTests : CheckoutPanelTestBase
{
    [Fact]
    public async Task Render_ErrorView_LaysOutEveryPanelWithThePagesOwnContent()
    {
        var view = await Scenarios.InventoryErrorAsync();

        var cut = Render<CheckoutPanels>(p => p
            .Add(x => x.View, view)
            .Add(x => x.ChildContent, (RenderFragment)(b => b.AddMarkupContent(0, "<p data-testid=\"own-content\">mine</p>")))
            .Add(x => x.ActionsContent, (RenderFragment)(b => b.AddMarkupContent(0, "<p data-testid=\"own-actions\">actions</p>"))));

        foreach (var panel in new[] { "session-panel", "cart-panel", "validation-panel", "operations-panel", "order-panel", "last-result-panel", "timeline-panel", "own-content", "own-actions" })
        {
            Assert.NotNull(cut.Find($"[data-testid={panel}]"));
        }

        Assert.Equal("failed", cut.Find($"[data-testid=step][data-state='{CheckoutFlow.Inventory}']").GetAttribute("data-status"));
        Assert.Equal("true", cut.Find("[data-testid=cart-line][data-sku='SKU-3']").GetAttribute("data-problem"));
    }
}
