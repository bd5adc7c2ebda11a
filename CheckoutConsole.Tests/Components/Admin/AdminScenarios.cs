using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Tests.TestSupport;

namespace CheckoutConsole.Tests.Components.Admin;

/// <summary>Named checkout situations the admin tests start from, made with the real actions.</summary>
public static class AdminScenarios
{
    /// <summary>Alice's Acme cart in checkout, its session at Start.</summary>
    public static async Task<string> StartCheckoutAsync(DomainHarness harness, string? cartId = null, string username = DemoData.Alice)
    {
        var result = await harness.Service.CheckoutSessionAsync(harness.As(username), cartId ?? harness.Demo.AliceAcmeCart);
        Assert.True(result.IsSuccess, result.Error?.ToString());
        return result.Value!;
    }

    /// <summary>Alice's Acme cart with its session in Inventory and the inventory task queued (processing).</summary>
    public static async Task<string> ProcessingInventoryAsync(DomainHarness harness)
    {
        var sessionId = await StartCheckoutAsync(harness);
        await AdvanceAsync(harness, sessionId, CheckoutFlow.Start);
        await AdvanceAsync(harness, sessionId, CheckoutFlow.Inventory);
        return sessionId;
    }

    public static async Task AdvanceAsync(DomainHarness harness, string sessionId, string expectedState, string username = DemoData.Alice)
    {
        var result = await harness.Service.AdvanceAsync(harness.As(username), sessionId, expectedState);
        Assert.True(result.IsSuccess, result.Error?.ToString());
    }

    /// <summary>Alice's Acme cart whose inventory task failed: session in Error with an Error output.</summary>
    public static async Task<string> FailedInventoryAsync(DomainHarness harness)
    {
        await harness.Faults.FailNextTaskAsync(OperationTypes.Inventory);
        var sessionId = await ProcessingInventoryAsync(harness);
        await harness.DrainQueueAsync();
        await harness.Faults.ClearAllAsync();
        return sessionId;
    }

    /// <summary>Alice's Acme cart taken through activation with order-summary creation failing.</summary>
    public static async Task<string> FailedOrderSummaryAsync(DomainHarness harness)
    {
        var sessionId = await StartCheckoutAsync(harness);
        await harness.Faults.SetFailOrderSummaryCreationAsync(true);
        var state = CheckoutFlow.Start;
        while (state != CheckoutFlow.OrderConfirmation)
        {
            await AdvanceAsync(harness, sessionId, state);
            await harness.DrainQueueAsync();
            var session = await harness.SessionAsync(sessionId);
            Assert.False(session.IsError, $"The checkout failed in {state}.");
            state = session.State;
        }

        await harness.Faults.ClearAllAsync();
        return sessionId;
    }
}
