using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Errors;
using CheckoutConsole.Domain.Services;
using CheckoutConsole.Tests.TestSupport;

namespace CheckoutConsole.Tests.Components.Checkout;

/// <summary>Alice's Acme cart driven through the real domain into the states the panels and pages show.</summary>
public sealed class CheckoutViewScenarios(DomainHarness harness)
{
    public string CartId => harness.Demo.AliceAcmeCart;
    public string AliceId => harness.Demo.UserId(DemoData.Alice);
    public Caller Alice => harness.As(DemoData.Alice);

    public async Task<CheckoutView> ViewAsync() =>
        await harness.Queries.GetCheckoutAsync(AliceId, CartId) ?? throw new InvalidOperationException("Alice can't see her cart.");

    public Task<string> StartAsync() => harness.StartCheckoutAsync(Alice, CartId);

    /// <summary>Starts checkout and takes the flow's steps until the session is in <paramref name="state"/>, with no task running.</summary>
    public async Task<CheckoutView> AtAsync(string state)
    {
        var sessionId = await StartAsync();
        await harness.Carts.SaveCheckoutDetailsAsync(Alice, CartId, new CheckoutDetails("1 Main Street", "Standard", "PO-1", "1 Main Street"));
        await harness.AdvanceToAsync(Alice, sessionId, state);
        return await ViewAsync();
    }

    /// <summary>The task of <paramref name="taskState"/> started and still queued (no worker runs).</summary>
    public async Task<CheckoutView> ProcessingAsync(string taskState)
    {
        var view = await AtAsync(taskState);
        Expect(await harness.Service.AdvanceAsync(Alice, view.Session!.Id, taskState));
        return await ViewAsync();
    }

    /// <summary>More chairs than are in stock: the Inventory task fails and the session stops in Error.</summary>
    public async Task<CheckoutView> InventoryErrorAsync()
    {
        Expect(await harness.Carts.AddCartItemAsync(Alice, CartId, harness.Demo.ProductId(DemoData.LowStockSku), 5));
        var view = await ProcessingAsync(CheckoutFlow.Inventory);
        await harness.DrainQueueAsync();
        return await ViewAsync();
    }

    public async Task<CheckoutView> CompleteAsync()
    {
        var view = await ProcessingAsync(CheckoutFlow.ActivateOrder);
        await harness.DrainQueueAsync();
        return await ViewAsync();
    }

    private static T Expect<T>(Result<T> result) =>
        result.IsSuccess ? result.Value! : throw new InvalidOperationException(result.Error!.ToString());
}
