using Bunit;
using Microsoft.AspNetCore.Components.Web;
using CheckoutConsole.Components.Shared.Checkout;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Operations;

namespace CheckoutConsole.Tests.Components.Checkout;

public sealed class OperationsPanelTests : CheckoutPanelTestBase
{
    [Fact]
    public async Task Render_QueuedTask_ShowsItsStatusAndAProgressIndicator()
    {
        var view = await Scenarios.ProcessingAsync(CheckoutFlow.Inventory);

        var cut = Render<OperationsPanel>(p => p.Add(x => x.Operations, view.Operations));

        var operation = cut.Find("[data-testid=operation]");
        Assert.Equal(OperationTypes.Inventory, operation.GetAttribute("data-type"));
        Assert.Equal(OperationStatuses.New, operation.GetAttribute("data-status"));
        Assert.NotNull(operation.QuerySelector("[data-testid=operation-progress]"));
    }

    [Fact]
    public async Task Render_FailedTask_ShowsItsErrorAndNoProgress()
    {
        var view = await Scenarios.InventoryErrorAsync();

        var cut = Render<OperationsPanel>(p => p.Add(x => x.Operations, view.Operations));

        Assert.Equal(OperationStatuses.Error, cut.Find("[data-testid=operation]").GetAttribute("data-status"));
        Assert.Contains("INVALID_INPUT: Only 3 of SKU-3 are in stock", cut.Find("[data-testid=operation-error]").TextContent);
        Assert.Empty(cut.FindAll("[data-testid=operation-progress]"));
    }

    [Fact]
    public async Task Retry_FailedOrderSummaryWithOnRetry_RaisesItForThatOperation()
    {
        await Harness.Faults.SetFailOrderSummaryCreationAsync(true);
        var view = await Scenarios.CompleteAsync();
        BackgroundOperation? retried = null;
        var cut = Render<OperationsPanel>(p => p
            .Add(x => x.Operations, view.Operations)
            .Add(x => x.OnRetry, (BackgroundOperation o) => retried = o));

        await cut.Find("[data-testid=operation][data-type=OrderSummary] [data-testid=operation-retry]").ClickAsync(new MouseEventArgs());

        Assert.Equal(OperationTypes.OrderSummary, retried?.Type);
        Assert.Equal(OperationStatuses.Error, retried?.Status);
    }

    [Fact]
    public async Task Render_FailedOrderSummaryWithoutOnRetry_OffersNoRetry()
    {
        await Harness.Faults.SetFailOrderSummaryCreationAsync(true);
        var view = await Scenarios.CompleteAsync();

        var cut = Render<OperationsPanel>(p => p.Add(x => x.Operations, view.Operations));

        Assert.Equal(OperationStatuses.Error, cut.Find("[data-testid=operation][data-type=OrderSummary]").GetAttribute("data-status"));
        Assert.Empty(cut.FindAll("[data-testid=operation-retry]"));
    }
}
