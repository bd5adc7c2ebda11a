using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Orders;
using CheckoutConsole.Domain.Services;
using CheckoutConsole.Tests.TestSupport;

namespace CheckoutConsole.Tests.Domain.Services;

/// <summary>One demo world for every case of <see cref="CartCapabilitiesTests"/>; cases that change a cart use a new one.</summary>
public sealed class CapabilitiesWorld : IAsyncLifetime
{
    public DomainHarness Harness { get; private set; } = default!;

    public async Task InitializeAsync() => Harness = await DomainHarness.CreateAsync();

    public async Task DisposeAsync() => await Harness.DisposeAsync();
}

/// <summary>
/// What the consoles enable comes from <see cref="CheckoutService.GetCapabilitiesAsync"/>: a blocked
/// action reports the very error the action returns, and the query changes nothing.
/// </summary>
public sealed class CartCapabilitiesTests(CapabilitiesWorld world) : IClassFixture<CapabilitiesWorld>
{
    private DomainHarness H => world.Harness;

    [Fact]
    public async Task GetCapabilities_CarolsCartInAStoreHerAccountIsNotAMemberOf_StartCheckoutBlockedWithTheActionsBadRequest()
    {
        var carol = H.As(DemoData.Carol);

        var start = (await H.Service.GetCapabilitiesAsync(carol, H.Demo.CarolAcmeCart)).For(CheckoutAction.CheckoutSession);

        Assert.False(start.CanRun);
        Assert.Equal(("BAD_REQUEST", 400), (start.Blocker!.Code, start.Blocker.HttpStatus));
        Assert.Contains("isn't a member of the store", start.Blocker.Message, StringComparison.Ordinal);
        var invoked = await H.Service.CheckoutSessionAsync(carol, H.Demo.CarolAcmeCart);
        Assert.Equal((start.Blocker.Code, start.Blocker.HttpStatus, start.Blocker.Message), (invoked.Error!.Code, invoked.Error.HttpStatus, invoked.Error.Message));
    }

    [Fact]
    public async Task GetCapabilities_CheckoutAlreadyCanceled_NothingToCancel()
    {
        var alice = H.As(DemoData.Alice);
        var cart = await H.NewAcmeCartAsync(alice);
        await H.StartCheckoutAsync(alice, cart);
        var beforeCancel = await H.Service.GetCapabilitiesAsync(alice, cart);
        Assert.True((await H.Service.CancelCartAsyncOperationAsync(alice, cart)).IsSuccess);

        var afterCancel = await H.Service.GetCapabilitiesAsync(alice, cart);

        Assert.True(beforeCancel.HasSomethingToCancel);
        Assert.Null(beforeCancel.CancelBlocker);
        Assert.False(afterCancel.HasSomethingToCancel);
        Assert.StartsWith("Nothing to cancel", afterCancel.CancelBlocker, StringComparison.Ordinal);
        Assert.True(afterCancel.For(CheckoutAction.CancelCartAsyncOperation).CanRun);
    }

    [Fact]
    public async Task GetCapabilities_DaveWithoutPermissions_CannotEditLinesAndSaysWhyAsTheEditWould()
    {
        var dave = H.As(DemoData.Dave);

        var capabilities = await H.Service.GetCapabilitiesAsync(dave, H.Demo.DaveCart);

        Assert.False(capabilities.CanEditLines);
        var edit = await H.Carts.AddCartItemAsync(dave, H.Demo.DaveCart, H.Demo.ProductId("SKU-1"), 1);
        Assert.Equal(edit.Error!.Message, capabilities.LineEditBlocker);
        Assert.Contains("can't invoke", capabilities.LineEditBlocker, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetCapabilities_ActiveCartOfItsOwner_LinesEditableAndOnlyStartCheckoutRuns()
    {
        var alice = H.As(DemoData.Alice);
        var cart = await H.NewAcmeCartAsync(alice);

        var capabilities = await H.Service.GetCapabilitiesAsync(alice, cart);

        Assert.True(capabilities.CanEditLines);
        Assert.Null(capabilities.LineEditBlocker);
        Assert.True(capabilities.For(CheckoutAction.CheckoutSession).CanRun);
        Assert.Equal(ErrorRule.RecordNotFound, capabilities.For(CheckoutAction.UpdateCheckoutSession).Blocker!.Rule);
        Assert.Equal(ErrorRule.CartNotInCheckout, capabilities.For(CheckoutAction.CartToOrder).Blocker!.Rule);
        Assert.False(capabilities.HasSomethingToCancel);
    }

    [Fact]
    public async Task GetCapabilities_AnyCart_ChangesNothing()
    {
        var alice = H.As(DemoData.Alice);
        var cart = await H.NewAcmeCartAsync(alice);
        await H.StartCheckoutAsync(alice, cart);
        var before = await WorldSnapshot.TakeAsync(H);

        await H.Service.GetCapabilitiesAsync(alice, cart);
        await H.Service.GetCapabilitiesAsync(H.As(DemoData.Bob), cart);
        await H.Service.GetCapabilitiesAsync(H.As(DemoData.Dave), H.Demo.DaveCart);

        Assert.Equal(before, await WorldSnapshot.TakeAsync(H));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(CheckoutFlow.Start)]
    [InlineData(CheckoutFlow.Inventory)]
    [InlineData(CheckoutFlow.CartToOrder)]
    [InlineData(CheckoutFlow.ActivateOrder)]
    public async Task GetCapabilities_EachBlockedAction_ReportsTheErrorTheActionReturns(string? state)
    {
        var alice = H.As(DemoData.Alice);
        var cart = await H.NewAcmeCartAsync(alice);
        var session = state is null ? null
            : state == CheckoutFlow.Start ? await H.StartCheckoutAsync(alice, cart)
            : await H.WaitingInTaskAsync(alice, cart, state);

        var capabilities = await H.Service.GetCapabilitiesAsync(alice, cart);

        var compared = 0;
        foreach (var check in capabilities.Checks.Values.Where(c => !c.CanRun))
        {
            var invoked = check.Action switch
            {
                CheckoutAction.CheckoutSession => (await H.Service.CheckoutSessionAsync(alice, cart)).Error,
                CheckoutAction.UpdateCheckoutSession when session is not null =>
                    (await H.Service.UpdateCheckoutSessionAsync(alice, session, CheckoutFlow.NextOf(state), state)).Error,
                CheckoutAction.CartToOrder => (await H.Service.CartToOrderAsync(alice, cart)).Error,
                CheckoutAction.ActivateOrder => (await H.Service.ActivateOrderAsync(alice, cart, OrderStatuses.Activated)).Error,
                CheckoutAction.CancelCartAsyncOperation => (await H.Service.CancelCartAsyncOperationAsync(alice, cart)).Error,
                CheckoutAction action when ErrorCatalog.IntegrationActions.Contains(action) => (await H.Service.StartIntegrationTaskAsync(action, alice, cart)).Error,
                _ => check.Blocker,
            };
            Assert.Equal((check.Blocker!.Code, check.Blocker.HttpStatus, check.Blocker.Message), (invoked?.Code, invoked?.HttpStatus, invoked?.Message));
            compared++;
        }

        Assert.True(compared >= 5, $"expected most actions blocked in {state ?? "an Active cart"}, compared {compared}");
    }
}
