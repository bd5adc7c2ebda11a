using Bunit;
using Microsoft.AspNetCore.Components.Web;
using CheckoutConsole.Components.Pages.Admin;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

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

        await SelectAsync(cut, "filter-store", DemoData.GlobexStore);

        cut.WaitForAssertion(() => Assert.Equal([Harness.Demo.CarolGlobexCart], CartIds(cut)));
    }

    [Fact]
    public async Task FilterText_PartOfASessionId_ShowsThatCheckoutOnly()
    {
        var sessionId = await AdminScenarios.StartCheckoutAsync(Harness, Harness.Demo.BobCart, DemoData.Bob);
        var cut = Render<AdminCheckoutsPage>();

        // The 15-character form, lower-cased: ids are sequence numbers now, so a slice of zeros would match every id.
        await cut.Find("[data-testid=filter-text]").ChangeAsync(sessionId[..15].ToLowerInvariant());

        cut.WaitForAssertion(() => Assert.Equal([Harness.Demo.BobCart], CartIds(cut)));
    }

    [Fact]
    public async Task FilterAccount_UmbrellaCorp_ShowsOnlyTheUmbrellaCart()
    {
        var cut = Render<AdminCheckoutsPage>();

        await SelectAsync(cut, "filter-account", DemoData.UmbrellaCorp);

        cut.WaitForAssertion(() => Assert.Equal([Harness.Demo.AliceUmbrellaCart], CartIds(cut)));
    }

    [Fact]
    public async Task FilterCartStatusAndState_CheckoutInInventory_ShowsTheCartInThatState()
    {
        await AdminScenarios.ProcessingInventoryAsync(Harness);
        await AdminScenarios.StartCheckoutAsync(Harness, Harness.Demo.BobCart, DemoData.Bob);
        var cut = Render<AdminCheckoutsPage>();

        await SelectAsync(cut, "filter-cart-status", "Checkout");
        await SelectAsync(cut, "filter-state", CheckoutFlow.Inventory);

        cut.WaitForAssertion(() => Assert.Equal([Harness.Demo.AliceAcmeCart], CartIds(cut)));
        Assert.Equal(CheckoutFlow.Inventory, cut.Find("[data-testid=row-state]").TextContent);
    }

    [Fact]
    public async Task FilterProcessing_Yes_ShowsOnlyTheProcessingSession()
    {
        await AdminScenarios.ProcessingInventoryAsync(Harness);
        await AdminScenarios.StartCheckoutAsync(Harness, Harness.Demo.BobCart, DemoData.Bob);
        var cut = Render<AdminCheckoutsPage>();

        await SelectAsync(cut, "filter-processing", "yes");

        cut.WaitForAssertion(() => Assert.Equal([Harness.Demo.AliceAcmeCart], CartIds(cut)));
        Assert.NotNull(cut.Find("[data-testid=row-processing]"));
    }

    [Fact]
    public async Task FilterError_Yes_ShowsOnlyTheFailedCheckout()
    {
        await AdminScenarios.FailedInventoryAsync(Harness);
        await AdminScenarios.StartCheckoutAsync(Harness, Harness.Demo.BobCart, DemoData.Bob);
        var cut = Render<AdminCheckoutsPage>();

        await SelectAsync(cut, "filter-error", "yes");

        cut.WaitForAssertion(() => Assert.Equal([Harness.Demo.AliceAcmeCart], CartIds(cut)));
        Assert.Equal(CheckoutFlow.Error, cut.Find("[data-testid=row-state]").TextContent);
    }

    [Fact]
    public async Task FilterArchived_Only_ShowsTheCanceledSessionAndNoOpenOnes()
    {
        await AdminScenarios.StartCheckoutAsync(Harness);
        await Harness.Service.CancelCartAsyncOperationAsync(Harness.As(DemoData.Alice), Harness.Demo.AliceAcmeCart);
        await AdminScenarios.StartCheckoutAsync(Harness, Harness.Demo.BobCart, DemoData.Bob);
        var cut = Render<AdminCheckoutsPage>();
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=row-archived]")));

        await SelectAsync(cut, "filter-archived", "yes");

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
        await SelectAsync(cut, "filter-cart-status", "Checkout");

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

    [Fact]
    public async Task FilterStore_Chosen_GoesIntoTheAddressSoBackAndALinkKeepIt()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("admin");
        var cut = Render<AdminCheckoutsPage>();

        await SelectAsync(cut, "filter-store", DemoData.GlobexStore);

        Assert.Equal("admin?store=Globex%20Store", navigation.ToBaseRelativePath(navigation.Uri));
        cut.WaitForAssertion(() => Assert.Equal([Harness.Demo.CarolGlobexCart], CartIds(cut)));
    }

    [Fact]
    public void Render_AddressWithAccountFilterAndSort_ShowsThatViewWithCurrencyTotals()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("admin?account=Acme%20Supply&sort=total&dir=asc");

        var cut = Render<AdminCheckoutsPage>();

        cut.WaitForAssertion(() => Assert.True(CartIds(cut).Count >= 2));
        Assert.All(cut.FindAll("[data-testid=row-account]"), a => Assert.StartsWith(DemoData.AcmeSupply + " ·", a.TextContent, StringComparison.Ordinal));
        var totals = cut.FindAll("[data-testid=row-total]").Select(t => t.TextContent).ToList();
        Assert.All(totals, t => Assert.StartsWith("$", t, StringComparison.Ordinal));
        Assert.Equal(totals.OrderBy(t => decimal.Parse(t.TrimStart('$'), System.Globalization.CultureInfo.InvariantCulture)), totals);
        Assert.Equal("asc", cut.Find("[data-testid=sort-total]").GetAttribute("data-sort"));
    }

    [Fact]
    public async Task SortHeader_TotalClickedTwice_SortsDescendingThenAscendingInTheAddress()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("admin");
        var cut = Render<AdminCheckoutsPage>();

        await ClickAsync(cut, "[data-testid=sort-total]");
        Assert.Equal("admin?sort=total&dir=desc", navigation.ToBaseRelativePath(navigation.Uri));
        await ClickAsync(cut, "[data-testid=sort-total]");

        Assert.Equal("admin?sort=total&dir=asc", navigation.ToBaseRelativePath(navigation.Uri));
        cut.WaitForAssertion(() => Assert.Equal("asc", cut.Find("[data-testid=sort-total]").GetAttribute("data-sort")));
    }

    [Fact]
    public void Render_AddressWithAgeThatIsNotANumber_SaysWhatWasExpectedAndFiltersNothing()
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo("admin?age=soon");

        var cut = Render<AdminCheckoutsPage>();

        cut.WaitForAssertion(() => Assert.Equal(6, CartIds(cut).Count));
        Assert.Equal("Older than: expected whole minutes from 1 to 1,000,000, found 'soon'.", cut.Find("[data-testid=filter-error-message]").TextContent);
    }
}
