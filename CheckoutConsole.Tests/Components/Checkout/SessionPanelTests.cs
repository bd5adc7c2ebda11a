using Bunit;
using CheckoutConsole.Components.Shared.Checkout;
using CheckoutConsole.Domain.Checkout;

namespace CheckoutConsole.Tests.Components.Checkout;

public sealed class SessionPanelTests : CheckoutPanelTestBase
{
    [Fact]
    public void Render_NoSession_SaysSoAndDrawsEveryStepUpcoming()
    {
        var cut = Render<SessionPanel>();

        Assert.NotNull(cut.Find("[data-testid=session-none]"));
        var steps = cut.FindAll("[data-testid=step]");
        Assert.Equal([.. CheckoutFlow.Steps.Select(s => s.State), CheckoutFlow.Complete], steps.Select(s => s.GetAttribute("data-state")));
        Assert.All(steps, s => Assert.Equal("upcoming", s.GetAttribute("data-status")));
    }

    [Fact]
    public async Task Render_TaskRunning_HighlightsItAsProcessingMarksTasksAndShowsFlags()
    {
        var view = await Scenarios.ProcessingAsync(CheckoutFlow.Inventory);

        var cut = Render<SessionPanel>(p => p.Add(x => x.Session, view.Session));

        Assert.Equal("done", Step(cut, CheckoutFlow.Start).GetAttribute("data-status"));
        Assert.Equal("processing", Step(cut, CheckoutFlow.Inventory).GetAttribute("data-status"));
        Assert.Equal("step", Step(cut, CheckoutFlow.Inventory).GetAttribute("aria-current"));
        Assert.Equal("upcoming", Step(cut, CheckoutFlow.ConfirmPrice).GetAttribute("data-status"));
        Assert.Equal("Task", Step(cut, CheckoutFlow.Inventory).GetAttribute("data-kind"));
        Assert.Equal("Screen", Step(cut, CheckoutFlow.DeliveryMethod).GetAttribute("data-kind"));
        Assert.Equal(CheckoutFlow.ConfirmPrice, cut.Find("[data-testid=session-next-state]").TextContent);
        Assert.Equal("true", cut.Find("[data-testid=flag-IsProcessing]").GetAttribute("data-value"));
        Assert.Equal("false", cut.Find("[data-testid=flag-IsError]").GetAttribute("data-value"));
    }

    [Fact]
    public async Task Render_ErrorAfterInventory_MarksTheFailedStepAndIsError()
    {
        var view = await Scenarios.InventoryErrorAsync();

        var cut = Render<SessionPanel>(p => p
            .Add(x => x.Session, view.Session)
            .Add(x => x.FailedState, CheckoutFacts.FailedState(view)));

        Assert.Equal(CheckoutFlow.Error, cut.Find("[data-testid=session-state-value]").TextContent);
        Assert.Equal("failed", Step(cut, CheckoutFlow.Inventory).GetAttribute("data-status"));
        Assert.Equal("done", Step(cut, CheckoutFlow.Start).GetAttribute("data-status"));
        Assert.Equal("true", cut.Find("[data-testid=flag-IsError]").GetAttribute("data-value"));
    }

    [Fact]
    public async Task Render_OrderSummaryExists_ShowsCompleteReachedAndArchived()
    {
        var view = await Scenarios.CompleteAsync();

        var cut = Render<SessionPanel>(p => p
            .Add(x => x.Session, view.CurrentSession)
            .Add(x => x.IsComplete, CheckoutFacts.IsComplete(view)));

        Assert.All(cut.FindAll("[data-testid=step]"), s => Assert.Equal("done", s.GetAttribute("data-status")));
        Assert.Equal("true", cut.Find("[data-testid=flag-IsArchived]").GetAttribute("data-value"));
    }

    [Fact]
    public async Task Render_SessionCanceledAtInventory_ShowsWhereTheCheckoutStopped()
    {
        await Scenarios.AtAsync(CheckoutFlow.Inventory);
        await Harness.Service.CancelCartAsyncOperationAsync(Scenarios.Alice, Scenarios.CartId);
        var view = await Scenarios.ViewAsync();

        var cut = Render<SessionPanel>(p => p.Add(x => x.Session, view.CurrentSession));

        Assert.Equal("stopped", Step(cut, CheckoutFlow.Inventory).GetAttribute("data-status"));
        Assert.Equal("true", cut.Find("[data-testid=flag-IsArchived]").GetAttribute("data-value"));
    }

    private static AngleSharp.Dom.IElement Step(IRenderedComponent<SessionPanel> cut, string state) =>
        cut.Find($"[data-testid=step][data-state='{state}']");
}
