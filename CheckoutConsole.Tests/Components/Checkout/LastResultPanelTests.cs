using Bunit;
using CheckoutConsole.Components.Shared.Checkout;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Errors;

namespace CheckoutConsole.Tests.Components.Checkout;

public sealed class LastResultPanelTests : CheckoutPanelTestBase
{
    [Fact]
    public void Render_NoResult_SaysNothingRanYet()
    {
        var cut = Render<LastResultPanel>();

        Assert.NotNull(cut.Find("[data-testid=last-result-none]"));
    }

    [Fact]
    public async Task Render_StateConflict_ShowsCodeHttpStatusMessageAndPlainWords()
    {
        var view = await Scenarios.AtAsync(CheckoutFlow.Inventory);
        var conflict = await Harness.Service.UpdateCheckoutSessionAsync(Scenarios.Alice, view.Session!.Id, CheckoutFlow.Inventory, CheckoutFlow.Start);

        var cut = Render<LastResultPanel>(p => p.Add(x => x.Result, ActionOutcome.Failure("updateCheckoutSessionAction", conflict.Error!, DateTime.UtcNow)));

        var result = cut.Find("[data-testid=last-result]");
        Assert.Equal("false", result.GetAttribute("data-success"));
        Assert.Equal("CHECKOUT_CONFLICT", cut.Find("[data-testid=last-result-code]").TextContent);
        Assert.Equal("HTTP 409", cut.Find("[data-testid=last-result-http]").TextContent);
        Assert.Contains("but it is in 'Inventory'", cut.Find("[data-testid=last-result-message]").TextContent);
        Assert.Contains("someone else", cut.Find("[data-testid=last-result-plain]").TextContent);
    }
}
