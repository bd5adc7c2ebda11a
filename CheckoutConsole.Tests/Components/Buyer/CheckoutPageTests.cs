using Bunit;
using Microsoft.AspNetCore.Components.Web;
using CheckoutConsole.Components.Pages.Buyer;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CheckoutConsole.Tests.Components.Buyer;

public sealed class CheckoutPageTests : BuyerPageTestBase
{
    private const string Address = "Acme Supply, 1 Main Street, Springfield";

    [Fact]
    public void Render_CartNotInCheckout_OffersStartAndSaysWhyTheOtherActionsCantRun()
    {
        SignIn(DemoData.Alice);

        var cut = RenderCheckout(Scenarios.CartId);

        Assert.Equal(nameof(CheckoutSituation.NotStarted), Situation(cut));
        Assert.False(cut.Find("[data-testid=start-checkout]").HasAttribute("disabled"));
        Assert.Equal($"Cart {Scenarios.CartId} has no open checkout session; expected one (checkoutSessionAction opens it).", Reason(cut, "action-updateCheckoutSessionAction"));
        Assert.Equal($"Cart {Scenarios.CartId} is Active; it must be Checkout.", Reason(cut, "action-cartToOrderAction"));
        Assert.True(cut.Find("[data-testid=action-cartToOrderAction]").HasAttribute("disabled"));
        Assert.True(cut.Find("[data-testid=action-cancelCartAsyncOperation]").HasAttribute("disabled"));
        Assert.StartsWith("Nothing to cancel", Reason(cut, "action-cancelCartAsyncOperation"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartCheckout_Clicked_OpensASessionAtStartWithTheShippingForm()
    {
        SignIn(DemoData.Alice);
        var cut = RenderCheckout(Scenarios.CartId);

        await cut.Find("[data-testid=start-checkout]").ClickAsync(new MouseEventArgs());

        Assert.Equal(CheckoutFlow.Start, State(cut));
        Assert.Equal(CheckoutFlow.Start, cut.Find("[data-testid=screen-form]").GetAttribute("data-state"));
        Assert.Equal("checkoutSessionAction", cut.Find("[data-testid=last-result-action]").TextContent);
        Assert.Equal("true", cut.Find("[data-testid=last-result]").GetAttribute("data-success"));
    }

    [Fact]
    public async Task Continue_WithoutShippingAddress_ShowsWhatIsMissingAndStaysAtStart()
    {
        SignIn(DemoData.Alice);
        await Scenarios.StartAsync();
        var cut = RenderCheckout(Scenarios.CartId);

        await cut.Find(NextStep(CheckoutFlow.Start)).ClickAsync(new MouseEventArgs());

        Assert.Equal("Enter the shipping address.", cut.Find("[data-testid=form-error]").TextContent);
        Assert.Equal(CheckoutFlow.Start, State(cut));
        Assert.Equal(CheckoutFlow.Start, (await Scenarios.ViewAsync()).Session!.State);
    }

    [Fact]
    public async Task Continue_WithTooLongAddress_ShowsTheDomainsMessage()
    {
        SignIn(DemoData.Alice);
        await Scenarios.StartAsync();
        var cut = RenderCheckout(Scenarios.CartId);
        await cut.Find("[data-testid=shipping-address]").ChangeAsync(new string('x', 300));

        await cut.Find(NextStep(CheckoutFlow.Start)).ClickAsync(new MouseEventArgs());

        Assert.Equal("Shipping address is too long: expected at most 255 characters, found 300.", cut.Find("[data-testid=form-error]").TextContent);
        Assert.Equal(CheckoutFlow.Start, State(cut));
    }

    [Fact]
    public async Task Continue_WithShippingAddress_SavesItAndMovesToInventory()
    {
        SignIn(DemoData.Alice);
        await Scenarios.StartAsync();
        var cut = RenderCheckout(Scenarios.CartId);
        await cut.Find("[data-testid=shipping-address]").ChangeAsync(Address);

        await cut.Find(NextStep(CheckoutFlow.Start)).ClickAsync(new MouseEventArgs());

        Assert.Equal(CheckoutFlow.Inventory, State(cut));
        Assert.Equal(nameof(CheckoutSituation.TaskReady), Situation(cut));
        Assert.Equal(Address, (await Scenarios.ViewAsync()).Cart.ShippingAddress);
    }

    [Fact]
    public async Task RunTask_Clicked_ShowsProcessingThenTheNextStateOnceTheWorkerFinishes()
    {
        SignIn(DemoData.Alice);
        await Scenarios.AtAsync(CheckoutFlow.Inventory);
        var cut = RenderCheckout(Scenarios.CartId);

        await cut.Find(NextStep(CheckoutFlow.Inventory)).ClickAsync(new MouseEventArgs());
        Assert.Equal(nameof(CheckoutSituation.TaskRunning), Situation(cut));
        Assert.Equal("true", cut.Find("[data-testid=flag-IsProcessing]").GetAttribute("data-value"));
        Assert.StartsWith("Cart Is Already in Progress", Reason(cut, "action-checkoutSessionAction"), StringComparison.Ordinal);
        await Harness.DrainQueueAsync();

        cut.WaitForAssertion(() => Assert.Equal(CheckoutFlow.ConfirmPrice, State(cut)));
        Assert.Equal(nameof(CheckoutSituation.TaskReady), Situation(cut));
        Assert.Equal("false", cut.Find("[data-testid=flag-IsProcessing]").GetAttribute("data-value"));
    }

    [Fact]
    public async Task ClickThrough_EveryStep_ReachesOrderConfirmationAndComplete()
    {
        SignIn(DemoData.Alice);
        var cut = RenderCheckout(Scenarios.CartId);
        await cut.Find("[data-testid=start-checkout]").ClickAsync(new MouseEventArgs());
        var visited = new List<string>();

        while (Situation(cut) != nameof(CheckoutSituation.Confirmation) && visited.Count < 20)
        {
            var state = State(cut)!;
            visited.Add(state);
            await FillScreenAsync(cut, state);
            await cut.Find(NextStep(state)).ClickAsync(new MouseEventArgs());
            await Harness.DrainQueueAsync();
            cut.WaitForAssertion(() => Assert.NotEqual(state, State(cut)));
        }

        Assert.Equal(CheckoutFlow.Steps.Where(s => s.Next != CheckoutFlow.Complete).Select(s => s.State), visited);
        cut.WaitForAssertion(() => Assert.NotNull(cut.Find("[data-testid=summary-created]")));
        Assert.Equal("done", cut.Find($"[data-testid=step][data-state='{CheckoutFlow.Complete}']").GetAttribute("data-status"));
        Assert.Equal("Closed", cut.Find("[data-testid=checkout-page]").GetAttribute("data-cart-status"));
        Assert.Equal("Express", (await Scenarios.ViewAsync()).Cart.DeliveryMethod);
    }

    [Fact]
    public async Task Render_InventoryFailed_ExplainsTheErrorAndHowToRecover()
    {
        SignIn(DemoData.Alice);
        await Scenarios.InventoryErrorAsync();

        var cut = RenderCheckout(Scenarios.CartId);

        Assert.Equal(nameof(CheckoutSituation.Error), Situation(cut));
        Assert.Contains("The Inventory step failed", cut.Find("[data-testid=error-explainer]").TextContent);
        Assert.Contains("Only 3 of SKU-3 are in stock, 5 requested.", cut.Find("[data-testid=error-explainer]").TextContent);
        Assert.Equal(2, cut.FindAll("[data-testid=recover-steps] li").Count);
        Assert.Equal($"Cart {Scenarios.CartId} has 1 validation output(s) of level Error that aren't dismissed; expected none.", Reason(cut, "action-activateOrderAction"));
        Assert.Equal("There is no next step after 'Error'; expected a state of the flow before 'Order Confirmation'.", Reason(cut, "action-updateCheckoutSessionAction"));
    }

    [Fact]
    public async Task Recover_CancelThenStart_ClearsTheErrorAndStartsOver()
    {
        SignIn(DemoData.Alice);
        await Scenarios.InventoryErrorAsync();
        var cut = RenderCheckout(Scenarios.CartId);

        await ClickAsync(cut, "[data-testid=recover-cancel]");
        Assert.Equal(nameof(CheckoutSituation.Canceled), Situation(cut));
        await ClickAsync(cut, "[data-testid=start-checkout]");

        Assert.Equal(CheckoutFlow.Start, State(cut));
        Assert.Empty(cut.FindAll("[data-testid=validation-output][data-level=Error]"));
    }

    [Fact]
    public async Task ChangeElsewhere_AdminCancels_ShowsTheCancellationWithoutReload()
    {
        SignIn(DemoData.Alice);
        await Scenarios.StartAsync();
        var cut = RenderCheckout(Scenarios.CartId);
        Assert.Equal(CheckoutFlow.Start, State(cut));

        await Harness.Service.CancelCartAsyncOperationAsync(Harness.As(DemoData.Admin), Scenarios.CartId);

        cut.WaitForAssertion(() => Assert.Equal(nameof(CheckoutSituation.Canceled), Situation(cut)));
        Assert.Contains("admin@console.example canceled the checkout", cut.Find("[data-testid=canceled-notice]").TextContent);
        Assert.Equal("Active", cut.Find("[data-testid=checkout-page]").GetAttribute("data-cart-status"));
    }

    [Fact]
    public async Task ChangeElsewhere_OtherCart_DoesNotReloadThisPage()
    {
        SignIn(DemoData.Alice);
        var cut = RenderCheckout(Scenarios.CartId);
        var renders = cut.RenderCount;

        await Harness.Service.CheckoutSessionAsync(Harness.As(DemoData.Bob), Harness.Demo.BobCart);

        Assert.Equal(renders, cut.RenderCount);
    }

    [Fact]
    public void Render_UserWithoutPermissions_DisablesEveryActionAndSaysWhy()
    {
        SignIn(DemoData.Dave);

        var cut = RenderCheckout(Harness.Demo.DaveCart);

        Assert.True(cut.Find("[data-testid=start-checkout]").HasAttribute("disabled"));
        Assert.Equal("User dave@acme.example can't invoke cancelCartAsyncOperation: expected the permission B2BBuyer, B2BCommerceIntegrator or ModifyAllData, found none.",
            Reason(cut, "action-cancelCartAsyncOperation"));
    }

    [Fact]
    public void Render_CartOfAnInactiveAccount_SaysTheAccountMustBeActive()
    {
        SignIn(DemoData.Alice);

        var cut = RenderCheckout(Harness.Demo.AliceUmbrellaCart);

        Assert.Equal($"Account Umbrella Corp of cart {Harness.Demo.AliceUmbrellaCart} isn't a valid buyer: expected BuyerStatus Active, found Inactive.", Reason(cut, "start-checkout"));
    }

    [Fact]
    public void Render_CarolsCartInAStoreHerAccountIsNotAMemberOf_StartCheckoutDisabledWithTheActionsMessage()
    {
        SignIn(DemoData.Carol);

        var cut = RenderCheckout(Harness.Demo.CarolAcmeCart);

        Assert.True(cut.Find("[data-testid=start-checkout]").HasAttribute("disabled"));
        Assert.Equal("Account Initech isn't a member of the store Acme B2B Store: expected a buyer of that store.", Reason(cut, "start-checkout"));
    }

    [Fact]
    public async Task CancelCheckout_AlreadyCanceled_DisabledWithNothingToCancel()
    {
        SignIn(DemoData.Alice);
        await Scenarios.AtAsync(CheckoutFlow.Start);
        var cut = RenderCheckout(Scenarios.CartId);

        await cut.Find("[data-testid=action-cancelCartAsyncOperation]").ClickAsync(new MouseEventArgs());

        Assert.Equal(nameof(CheckoutSituation.Canceled), Situation(cut));
        Assert.True(cut.Find("[data-testid=action-cancelCartAsyncOperation]").HasAttribute("disabled"));
        Assert.StartsWith("Nothing to cancel", Reason(cut, "action-cancelCartAsyncOperation"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("0a6000000000000AAA")]
    public void Render_UnknownCartId_ShowsNotFound(string cartId)
    {
        SignIn(DemoData.Alice);

        var cut = RenderCheckout(cartId);

        Assert.Contains(cartId, cut.Find("[data-testid=not-found]").TextContent);
    }

    [Fact]
    public void Render_SomeoneElsesCart_ShowsNotFound()
    {
        SignIn(DemoData.Carol);

        var cut = RenderCheckout(Scenarios.CartId);

        Assert.NotNull(cut.Find("[data-testid=not-found]"));
        Assert.Empty(cut.FindAll("[data-testid=checkout-page]"));
    }

    [Fact]
    public async Task Dispose_Page_StopsListeningToTheChangeFeed()
    {
        SignIn(DemoData.Alice);
        var before = Harness.Feed.SubscriberCount;
        RenderCheckout(Scenarios.CartId);
        Assert.Equal(before + 1, Harness.Feed.SubscriberCount);

        await DisposeComponentsAsync();

        Assert.Equal(before, Harness.Feed.SubscriberCount);
    }

    [Fact]
    public async Task SessionAtAShortId_ShortFormOfTheCartId_OpensTheSameCart()
    {
        SignIn(DemoData.Alice);
        await Scenarios.StartAsync();

        var cut = RenderCheckout(Scenarios.CartId[..15]);

        Assert.Equal(CheckoutFlow.Start, State(cut));
    }

    /// <summary>The developer view (every action with its reason) unless <paramref name="buyerView"/>.</summary>
    private IRenderedComponent<CheckoutPage> RenderCheckout(string cartId, bool buyerView = false)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"buyer/carts/{cartId}/checkout{(buyerView ? "" : "?view=developer")}");
        return Render<CheckoutPage>(p => p.Add(x => x.CartId, cartId));
    }

    private async Task FillScreenAsync(IRenderedComponent<CheckoutPage> cut, string state)
    {
        switch (state)
        {
            case CheckoutFlow.Start:
                await cut.Find("[data-testid=shipping-address]").ChangeAsync(Address);
                break;
            case CheckoutFlow.DeliveryMethod:
                await ClickAsync(cut.Find("[data-testid=delivery-Express]"));
                break;
            case CheckoutFlow.PaymentAndBillingAddress:
                await cut.Find("[data-testid=po-number]").ChangeAsync("PO-42");
                break;
        }
    }

    private static string NextStep(string state) => $"[data-testid=next-step][data-state='{state}']";

    private static string? State(IRenderedComponent<CheckoutPage> cut) =>
        cut.Find("[data-testid=checkout-page]").GetAttribute("data-session-state");

    private static string? Situation(IRenderedComponent<CheckoutPage> cut) =>
        cut.Find("[data-testid=situation]").GetAttribute("data-situation");

    private static string Reason(IRenderedComponent<CheckoutPage> cut, string id) =>
        cut.Find($"[data-testid=reason-{id}]").TextContent;
}
