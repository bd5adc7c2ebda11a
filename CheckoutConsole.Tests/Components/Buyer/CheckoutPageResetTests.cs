using Bunit;
using CheckoutConsole.Components.Pages.Buyer;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Components.Buyer;

public sealed class CheckoutPageResetTests : BuyerPageTestBase
{
    [Fact]
    public async Task Reset_WhileThePageShowsACheckout_ThePageShowsTheFreshWorld()
    {
        SignIn(DemoData.Alice);
        await Scenarios.StartAsync();
        var cut = Render<CheckoutPage>(p => p.Add(x => x.CartId, Scenarios.CartId));
        Assert.NotEqual(nameof(CheckoutSituation.NotStarted), Situation(cut));

        await Harness.Emulator.ResetAsync();

        cut.WaitForAssertion(() => Assert.Equal(nameof(CheckoutSituation.NotStarted), Situation(cut)));
        Assert.Equal("", cut.Find("[data-testid=checkout-page]").GetAttribute("data-session-state") ?? "");
    }

    private static string? Situation(IRenderedComponent<CheckoutPage> cut) =>
        cut.Find("[data-testid=situation]").GetAttribute("data-situation");
}
