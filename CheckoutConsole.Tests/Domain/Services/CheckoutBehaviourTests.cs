using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Live;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace CheckoutConsole.Tests.Domain.Services;

public sealed class CheckoutBehaviourTests
{
    [Theory]
    [InlineData(TestProvider.InMemory)]
    [InlineData(TestProvider.Sqlite)]
    public async Task AddCartItem_WhileTheCartIsInCheckout_CancelsTheCheckoutAndRecordsWhy(TestProvider provider)
    {
        await using var harness = await DomainHarness.CreateAsync(provider);
        var alice = harness.As(DemoData.Alice);
        var session = await harness.StartCheckoutAsync(alice, harness.Demo.AliceAcmeCart);
        await harness.AdvanceToAsync(alice, session, CheckoutFlow.Inventory);
        Assert.True((await harness.Service.AdvanceAsync(alice, session, CheckoutFlow.Inventory)).IsSuccess);

        var added = await harness.Carts.AddCartItemAsync(alice, harness.Demo.AliceAcmeCart, harness.Demo.ProductId("SKU-8"), 2);

        await using var db = harness.NewContext();
        var cart = await db.Carts.SingleAsync(c => c.Id == harness.Demo.AliceAcmeCart);
        Assert.True(added.IsSuccess);
        Assert.Equal(CartStatuses.Active, cart.Status);
        Assert.True((await db.Sessions.SingleAsync(s => s.Id == session)).IsArchived);
        Assert.All(await db.Operations.Where(o => o.CartId == cart.Id).ToListAsync(), o => Assert.Equal(OperationStatuses.Canceled, o.Status));
        Assert.Contains(cart.Items, i => i.Sku == "SKU-8" && i.Quantity == 2);
        Assert.Contains(await db.Timeline.Where(t => t.CartId == cart.Id).ToListAsync(),
            t => t.Field == "IsArchived" && t.After == "true" && t.Cause!.Contains("checkout canceled automatically", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(TestProvider.InMemory)]
    [InlineData(TestProvider.Sqlite)]
    public async Task UpdateCartItemQuantity_AfterATaskWroteOutputs_RemovesTheOutputsAboutTheOldLines(TestProvider provider)
    {
        await using var harness = await DomainHarness.CreateAsync(provider);
        var scenarios = new CheckoutConsole.Tests.Components.Checkout.CheckoutViewScenarios(harness);
        var failed = await scenarios.InventoryErrorAsync();
        Assert.Contains(failed.ValidationOutputs, o => o.Level == "Error");
        var chair = failed.Cart.Items.Single(i => i.Sku == DemoData.LowStockSku);

        var updated = await harness.Carts.UpdateCartItemQuantityAsync(scenarios.Alice, scenarios.CartId, chair.Id, 3);

        Assert.True(updated.IsSuccess);
        await using var db = harness.NewContext();
        Assert.Empty(await db.ValidationOutputs.Where(o => o.CartId == scenarios.CartId).ToListAsync());
    }

    [Theory]
    [InlineData(TestProvider.InMemory)]
    [InlineData(TestProvider.Sqlite)]
    public async Task ArchiveExpiredSessions_AfterTheStoresTimeToLive_ArchivesAndReopensTheCart(TestProvider provider)
    {
        await using var harness = await DomainHarness.CreateAsync(provider);
        var alice = harness.As(DemoData.Alice);
        var session = await harness.StartCheckoutAsync(alice, harness.Demo.AliceAcmeCart);

        harness.Clock.Advance(TimeSpan.FromMinutes(2879));
        var early = await harness.Admin.ArchiveExpiredSessionsAsync();
        harness.Clock.Advance(TimeSpan.FromMinutes(2));
        var due = await harness.Admin.ArchiveExpiredSessionsAsync();

        await using var db = harness.NewContext();
        Assert.Equal((0, 1), (early, due));
        Assert.True((await db.Sessions.SingleAsync(s => s.Id == session)).IsArchived);
        Assert.Equal(CartStatuses.Active, (await db.Carts.SingleAsync(c => c.Id == harness.Demo.AliceAcmeCart)).Status);
    }

    [Theory]
    [InlineData(TestProvider.InMemory)]
    [InlineData(TestProvider.Sqlite)]
    public async Task Inventory_MoreThanTheStock_LandsTheSessionInErrorWithAnOutputNamingTheSku(TestProvider provider)
    {
        await using var harness = await DomainHarness.CreateAsync(provider);
        var alice = harness.As(DemoData.Alice);
        await harness.SetCartLineQuantityAsync(alice, harness.Demo.AliceAcmeCart, DemoData.LowStockSku, 5);
        var session = await harness.StartCheckoutAsync(alice, harness.Demo.AliceAcmeCart);
        await harness.AdvanceToAsync(alice, session, CheckoutFlow.Inventory);

        var started = await harness.Service.AdvanceAsync(alice, session, CheckoutFlow.Inventory);
        await harness.DrainQueueAsync();

        await using var db = harness.NewContext();
        var saved = await db.Sessions.SingleAsync(s => s.Id == session);
        var output = await db.ValidationOutputs.SingleAsync(o => o.CartId == harness.Demo.AliceAcmeCart);
        Assert.True(started.IsSuccess);
        Assert.Equal((CheckoutFlow.Error, true, false, (string?)null), (saved.State, saved.IsError, saved.IsProcessing, saved.NextState));
        Assert.Equal((ValidationLevels.Error, ValidationTypes.Inventory), (output.Level, output.Type));
        Assert.Equal("Only 3 of SKU-3 are in stock, 5 requested.", output.Message);
        Assert.Equal(OperationStatuses.Error, (await db.Operations.SingleAsync(o => o.Id == saved.BackgroundOperationId)).Status);
    }

    [Fact]
    public async Task InjectedTaskFailure_RunInline_ReturnsTheErrorAndRecoversOnANewCheckout()
    {
        await using var harness = await DomainHarness.CreateAsync();
        var alice = harness.As(DemoData.Alice);
        var session = await harness.WaitingInTaskAsync(alice, harness.Demo.AliceAcmeCart, CheckoutFlow.ConfirmPrice);
        await harness.Faults.FailNextTaskAsync(OperationTypes.Pricing);

        var priced = await harness.Service.StartIntegrationTaskAsync(CheckoutAction.PriceCart, alice, harness.Demo.AliceAcmeCart, runAsync: false);
        var canceled = await harness.Service.CancelCartAsyncOperationAsync(alice, harness.Demo.AliceAcmeCart);
        var next = await harness.Service.CheckoutSessionAsync(alice, harness.Demo.AliceAcmeCart);

        await using var db = harness.NewContext();
        Assert.False(priced.IsSuccess);
        Assert.Contains("fault was injected", priced.Error!.Message, StringComparison.Ordinal);
        Assert.Equal(CheckoutFlow.Error, (await db.Sessions.SingleAsync(s => s.Id == session)).State);
        Assert.True(canceled.IsSuccess && next.IsSuccess);
        Assert.NotEqual(session, next.Value);
        Assert.Empty(await db.ValidationOutputs.Where(o => o.Level == ValidationLevels.Error).ToListAsync());
        Assert.False(harness.Faults.Current.Any);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("0a6")]
    [InlineData("001000000000001AAA")]
    [InlineData("0a600000000000AAAA")]
    [InlineData("0a6000000000001ZZZ")]
    [InlineData("0a6-00000000000")]
    public async Task CheckoutSession_BadCartId_AnswersTheCatalogErrorAndChangesNothing(string? cartId)
    {
        await using var harness = await DomainHarness.CreateAsync();
        var before = await WorldSnapshot.TakeAsync(harness);

        var result = await harness.Service.CheckoutSessionAsync(harness.As(DemoData.Alice), cartId);

        Assert.Equal(("UNKNOWN_EXCEPTION", 500), (result.Error!.Code, result.Error.HttpStatus));
        Assert.StartsWith("Invalid cartId: ", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await WorldSnapshot.TakeAsync(harness));
    }

    [Fact]
    public async Task CheckoutSession_OverLongCartId_DoesNotEchoItAll()
    {
        await using var harness = await DomainHarness.CreateAsync();

        var result = await harness.Service.CheckoutSessionAsync(harness.As(DemoData.Alice), new string('x', 100_000));

        Assert.Equal("UNKNOWN_EXCEPTION", result.Error!.Code);
        Assert.True(result.Error.Message.Length < 300, result.Error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_001)]
    [InlineData(int.MaxValue)]
    public async Task AddCartItem_QuantityOutsideOneToTenThousand_IsRejectedAndChangesNothing(int quantity)
    {
        await using var harness = await DomainHarness.CreateAsync();
        var before = await WorldSnapshot.TakeAsync(harness);

        var result = await harness.Carts.AddCartItemAsync(harness.As(DemoData.Alice), harness.Demo.AliceAcmeCart, harness.Demo.ProductId("SKU-8"), quantity);

        Assert.Equal(("INVALID_INPUT", 400), (result.Error!.Code, result.Error.HttpStatus));
        Assert.Contains("from 1 to 10,000", result.Error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await WorldSnapshot.TakeAsync(harness));
    }

    [Theory]
    [InlineData("start")]
    [InlineData("Start ")]
    [InlineData("Order Summary")]
    public async Task UpdateCheckoutSession_UnknownNextState_IsInvalidInput(string nextState)
    {
        await using var harness = await DomainHarness.CreateAsync();
        var alice = harness.As(DemoData.Alice);
        var session = await harness.StartCheckoutAsync(alice, harness.Demo.AliceAcmeCart);

        var result = await harness.Service.UpdateCheckoutSessionAsync(alice, session, nextState, CheckoutFlow.Start);

        Assert.Equal(("INVALID_INPUT", 400), (result.Error!.Code, result.Error.HttpStatus));
        Assert.Equal(CheckoutFlow.Start, (await harness.SessionAsync(session)).State);
    }

    [Fact]
    public async Task ChangeFeed_AnAction_PublishesAfterTheChangeIsSaved()
    {
        await using var harness = await DomainHarness.CreateAsync();
        var seen = new List<(CheckoutChange Change, string? SavedStatus)>();
        using var subscription = harness.Feed.Subscribe(change =>
        {
            using var db = harness.NewContext();
            seen.Add((change, db.Carts.AsNoTracking().Where(c => c.Id == change.CartId).Select(c => c.Status).FirstOrDefault()));
        });

        await harness.StartCheckoutAsync(harness.As(DemoData.Alice), harness.Demo.AliceAcmeCart);

        var cartChange = Assert.Single(seen, s => s.Change.Kinds.HasFlag(ChangeKinds.Cart));
        Assert.Equal(harness.Demo.AliceAcmeCart, cartChange.Change.CartId);
        Assert.Equal(CartStatuses.Checkout, cartChange.SavedStatus);
    }

    [Fact]
    public async Task CheckoutSession_CalledAgain_ReturnsTheSameSessionUnchanged()
    {
        await using var harness = await DomainHarness.CreateAsync();
        var alice = harness.As(DemoData.Alice);
        var first = await harness.StartCheckoutAsync(alice, harness.Demo.AliceAcmeCart);
        var before = await WorldSnapshot.TakeAsync(harness);

        var second = await harness.StartCheckoutAsync(alice, harness.Demo.AliceAcmeCart);

        Assert.Equal(first, second);
        Assert.Equal(before, await WorldSnapshot.TakeAsync(harness));
    }

    [Fact]
    public async Task Tasks_PricingPromotionsShippingTaxes_KeepTheCartTotalsAddingUp()
    {
        await using var harness = await DomainHarness.CreateAsync();
        var alice = harness.As(DemoData.Alice);
        var session = await harness.StartCheckoutAsync(alice, harness.Demo.AliceAcmeCart);

        await harness.AdvanceToAsync(alice, session, CheckoutFlow.PaymentAndBillingAddress);

        await using var db = harness.NewContext();
        var cart = await db.Carts.SingleAsync(c => c.Id == harness.Demo.AliceAcmeCart);
        var outputs = await db.ValidationOutputs.Where(o => o.CartId == cart.Id).ToListAsync();
        var stapler = cart.Items.Single(i => i.Sku == "SKU-1");
        Assert.Equal(-29.99m, stapler.TotalAdjustmentAmount);
        Assert.Equal((24.99m * 12) - 29.99m, stapler.TotalPrice);
        Assert.Single(cart.Items, i => i.Type == CartItemTypes.Charge);
        Assert.Equal(cart.Items.Where(i => i.Type == CartItemTypes.Product).Sum(i => i.TotalPrice), cart.TotalProductAmount);
        Assert.Equal(Math.Round((cart.TotalProductAmount + cart.TotalChargeAmount) * 0.08m, 2), cart.TotalTaxAmount);
        Assert.Equal(cart.TotalProductAmount + cart.TotalChargeAmount + cart.TotalTaxAmount, cart.GrandTotalAmount);
        Assert.Contains(outputs, o => o.Type == ValidationTypes.Promotions && o.Message.Contains("SKU-1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pricing_AListPriceChangedSinceTheLineWasAdded_RepricesTheLineWithAnInfoOutput()
    {
        await using var harness = await DomainHarness.CreateAsync();
        var alice = harness.As(DemoData.Alice);
        await using (var db = harness.NewContext())
        {
            (await db.Products.SingleAsync(p => p.Sku == "SKU-2")).SetListPrice(45.00m);
            await db.SaveChangesAsync();
        }

        var session = await harness.StartCheckoutAsync(alice, harness.Demo.AliceAcmeCart);
        await harness.AdvanceToAsync(alice, session, CheckoutFlow.CalculatePromotions);

        await using var read = harness.NewContext();
        var cart = await read.Carts.SingleAsync(c => c.Id == harness.Demo.AliceAcmeCart);
        var paper = cart.Items.Single(i => i.Sku == "SKU-2");
        var output = await read.ValidationOutputs.SingleAsync(o => o.Type == ValidationTypes.Pricing);
        Assert.Equal((45.00m, 4 * 45.00m), (paper.SalesPrice, paper.TotalPrice));
        Assert.Equal(ValidationLevels.Info, output.Level);
        Assert.Equal("The price of SKU-2 changed from 42.50 to 45.00.", output.Message);
        Assert.Equal(paper.Id, output.RelatedEntityId);
    }
}
