using Bunit;
using Microsoft.AspNetCore.Components.Web;
using CheckoutConsole.Components.Pages.Admin;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Tests.TestSupport;

namespace CheckoutConsole.Tests.Components.Admin;

public sealed class AdminCheckoutsPageTests : DomainComponentTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        SignIn(DemoData.Admin);
    }

    private IReadOnlyList<string> CartIds(IRenderedComponent<AdminCheckoutsPage> cut) =>
        [.. cut.FindAll("[data-testid=checkout-row]").Select(r => r.GetAttribute("data-cart-id")!)];

    private static string Count(IRenderedComponent<AdminCheckoutsPage> cut, string key) =>
        cut.Find($"[data-testid=state-count][data-key='{key}'] [data-testid=state-count-n]").TextContent;

    [Fact]
    public void Render_DemoData_ListsEveryCartAndCountsThem()
    {
        var cut = Render<AdminCheckoutsPage>();

        cut.WaitForAssertion(() => Assert.Equal(6, cut.FindAll("[data-testid=checkout-row]").Count));
        Assert.Equal("6", Count(cut, "carts"));
        Assert.Equal("6", Count(cut, "none"));
    }

    [Fact]
    public async Task FilterStore_GlobexStore_ShowsOnlyCarolsGlobexCart()
    {
        var cut = Render<AdminCheckoutsPage>();

        await cut.Find("[data-testid=filter-store]").ChangeAsync(DemoData.GlobexStore);

        cut.WaitForAssertion(() => Assert.Equal([Harness.Demo.CarolGlobexCart], CartIds(cut)));
    }

    [Fact]
    public async Task FilterText_PartOfASessionId_ShowsThatCheckoutOnly()
    {
        var sessionId = await AdminScenarios.StartCheckoutAsync(Harness, Harness.Demo.BobCart, DemoData.Bob);
        var cut = Render<AdminCheckoutsPage>();

        await cut.Find("[data-testid=filter-text]").ChangeAsync(sessionId[3..12].ToLowerInvariant());

        cut.WaitForAssertion(() => Assert.Equal([Harness.Demo.BobCart], CartIds(cut)));
    }

    [Fact]
    public async Task FilterAccount_UmbrellaCorp_ShowsOnlyTheUmbrellaCart()
    {
        var cut = Render<AdminCheckoutsPage>();

        await cut.Find("[data-testid=filter-account]").ChangeAsync(DemoData.UmbrellaCorp);

        cut.WaitForAssertion(() => Assert.Equal([Harness.Demo.AliceUmbrellaCart], CartIds(cut)));
    }

    [Fact]
    public async Task FilterCartStatusAndState_CheckoutInInventory_ShowsTheCartInThatState()
    {
        await AdminScenarios.ProcessingInventoryAsync(Harness);
        await AdminScenarios.StartCheckoutAsync(Harness, Harness.Demo.BobCart, DemoData.Bob);
        var cut = Render<AdminCheckoutsPage>();

        await cut.Find("[data-testid=filter-cart-status]").ChangeAsync("Checkout");
        await cut.Find("[data-testid=filter-state]").ChangeAsync(CheckoutFlow.Inventory);

        cut.WaitForAssertion(() => Assert.Equal([Harness.Demo.AliceAcmeCart], CartIds(cut)));
        Assert.Equal(CheckoutFlow.Inventory, cut.Find("[data-testid=row-state]").TextContent);
    }

    [Fact]
    public async Task FilterProcessing_Yes_ShowsOnlyTheProcessingSession()
    {
        await AdminScenarios.ProcessingInventoryAsync(Harness);
        await AdminScenarios.StartCheckoutAsync(Harness, Harness.Demo.BobCart, DemoData.Bob);
        var cut = Render<AdminCheckoutsPage>();

        await cut.Find("[data-testid=filter-processing]").ChangeAsync("yes");

        cut.WaitForAssertion(() => Assert.Equal([Harness.Demo.AliceAcmeCart], CartIds(cut)));
        Assert.NotNull(cut.Find("[data-testid=row-processing]"));
    }

    [Fact]
    public async Task FilterError_Yes_ShowsOnlyTheFailedCheckout()
    {
        await AdminScenarios.FailedInventoryAsync(Harness);
        await AdminScenarios.StartCheckoutAsync(Harness, Harness.Demo.BobCart, DemoData.Bob);
        var cut = Render<AdminCheckoutsPage>();

        await cut.Find("[data-testid=filter-error]").ChangeAsync("yes");

        cut.WaitForAssertion(() => Assert.Equal([Harness.Demo.AliceAcmeCart], CartIds(cut)));
        Assert.Equal(CheckoutFlow.Error, cut.Find("[data-testid=row-state]").TextContent);
    }

    [Fact]
    public async Task FilterArchived_Only_ShowsTheCancelledSessionAndNoOpenOnes()
    {
        await AdminScenarios.StartCheckoutAsync(Harness);
        await Harness.Service.CancelCartAsyncOperationAsync(Harness.As(DemoData.Alice), Harness.Demo.AliceAcmeCart);
        await AdminScenarios.StartCheckoutAsync(Harness, Harness.Demo.BobCart, DemoData.Bob);
        var cut = Render<AdminCheckoutsPage>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=row-archived]")));

        await cut.Find("[data-testid=filter-archived]").ChangeAsync("yes");

        cut.WaitForAssertion(() => Assert.Single(cut.FindAll("[data-testid=row-archived]")));
        Assert.Contains(Harness.Demo.AliceAcmeCart, CartIds(cut));
        Assert.DoesNotContain(Harness.Demo.BobCart, CartIds(cut));
    }

    [Fact]
    public async Task FilterAge_OlderThan45Minutes_ShowsOnlySessionsOpenThatLong()
    {
        await AdminScenarios.StartCheckoutAsync(Harness);
        Harness.Clock.Advance(TimeSpan.FromMinutes(50));
        await AdminScenarios.StartCheckoutAsync(Harness, Harness.Demo.BobCart, DemoData.Bob);
        Harness.Clock.Advance(TimeSpan.FromMinutes(5));
        var cut = Render<AdminCheckoutsPage>();
        await cut.Find("[data-testid=filter-cart-status]").ChangeAsync("Checkout");

        await cut.Find("[data-testid=filter-age]").ChangeAsync("45");

        cut.WaitForAssertion(() => Assert.Equal([Harness.Demo.AliceAcmeCart], CartIds(cut)));
    }

    [Fact]
    public async Task StateCount_ProcessingClicked_FiltersTheGridToProcessingSessions()
    {
        await AdminScenarios.ProcessingInventoryAsync(Harness);
        var cut = Render<AdminCheckoutsPage>();
        cut.WaitForAssertion(() => Assert.Equal("1", Count(cut, "processing")));

        await cut.Find("[data-testid=state-count][data-key='processing']").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Equal([Harness.Demo.AliceAcmeCart], CartIds(cut)));
    }

    [Fact]
    public async Task Live_CheckoutStartedElsewhere_AppearsInTheCountsWithoutReload()
    {
        var cut = Render<AdminCheckoutsPage>();
        cut.WaitForAssertion(() => Assert.Equal("6", Count(cut, "none")));

        await AdminScenarios.StartCheckoutAsync(Harness);

        cut.WaitForAssertion(() => Assert.Equal("1", Count(cut, "state:" + CheckoutFlow.Start)));
        Assert.Equal("5", Count(cut, "none"));
    }
}
