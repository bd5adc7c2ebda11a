using Bunit;
using Microsoft.AspNetCore.Components.Web;
using CheckoutConsole.Components.Pages.Admin;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Domain.Timeline;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace CheckoutConsole.Tests.Components.Admin;

public sealed class AdminSessionPageTests : DomainComponentTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        SignIn(DemoData.Admin);
    }

    private IRenderedComponent<AdminSessionPage> RenderPage(string cartId)
    {
        var cut = Render<AdminSessionPage>(p => p.Add(x => x.CartId, cartId));
        cut.WaitForAssertion(() => cut.Find("[data-testid=admin-cart-name]"));
        return cut;
    }

    private async Task<List<TimelineEntry>> ActionsAsync(string action)
    {
        await using var db = Harness.NewContext();
        return await db.Timeline.Where(t => t.Kind == TimelineKinds.Action && t.Action == action).ToListAsync();
    }

    [Fact]
    public async Task Cancel_Confirmed_ArchivesTheSessionReopensTheCartAndRecordsTheAdmin()
    {
        var sessionId = await AdminScenarios.ProcessingInventoryAsync(Harness);
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderPage(Harness.Demo.AliceAcmeCart);

        var cancelling = ClickAsync(cut, "[data-testid=admin-cancel]");
        dialogs.WaitForAssertion(() => Assert.Contains("1 cart", dialogs.Find("[data-testid=confirm-text]").TextContent));
        await ClickAsync(dialogs.Find("[data-testid=confirm-yes]"));
        await cancelling;

        cut.WaitForAssertion(() => Assert.Equal(CartStatuses.Active, cut.Find("[data-testid=admin-cart-status]").TextContent));
        Assert.True((await Harness.SessionAsync(sessionId)).IsArchived);
        Assert.Equal("true", cut.Find("[data-testid=last-result]").GetAttribute("data-success"));
        var cancel = Assert.Single(await ActionsAsync("cancelCartAsyncOperation"));
        Assert.Equal(DemoData.Admin, cancel.Actor);
        Assert.Contains(cut.FindAll("[data-testid=timeline-entry]"), e => e.GetAttribute("data-action") == "cancelCartAsyncOperation"
            && e.TextContent.Contains(DemoData.Admin, StringComparison.Ordinal) && e.TextContent.Contains("request " + cancel.RequestId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Dismiss_ErrorOutputOfAFailedTask_MarksItDismissed()
    {
        await AdminScenarios.FailedInventoryAsync(Harness);
        var cut = RenderPage(Harness.Demo.AliceAcmeCart);
        Assert.Equal("false", cut.Find("[data-testid=validation-output][data-level=Error]").GetAttribute("data-dismissed"));

        await cut.Find("[data-testid=validation-dismiss]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=validation-output][data-level=Error]").GetAttribute("data-dismissed")));
        await using var db = Harness.NewContext();
        Assert.True(await db.ValidationOutputs.Where(o => o.CartId == Harness.Demo.AliceAcmeCart && o.Level == ValidationLevels.Error).AllAsync(o => o.IsDismissed));
    }

    [Fact]
    public async Task Retry_FailedOrderSummary_QueuesItAgainAndItCompletes()
    {
        await AdminScenarios.FailedOrderSummaryAsync(Harness);
        var cut = RenderPage(Harness.Demo.AliceAcmeCart);
        Assert.Equal(OperationStatuses.Error, cut.Find($"[data-testid=operation][data-type={OperationTypes.OrderSummary}]").GetAttribute("data-status"));

        await cut.Find("[data-testid=operation-retry]").ClickAsync(new MouseEventArgs());
        await Harness.DrainQueueAsync();

        cut.WaitForAssertion(() => Assert.Equal(OperationStatuses.Complete,
            cut.Find($"[data-testid=operation][data-type={OperationTypes.OrderSummary}]").GetAttribute("data-status")));
        await using var db = Harness.NewContext();
        Assert.Equal(1, await db.OrderSummaries.CountAsync());
    }

    [Fact]
    public async Task RaceLab_FiftyCallsFromStart_ExactlyOneWinsAndTheRestConflict()
    {
        var sessionId = await AdminScenarios.StartCheckoutAsync(Harness);
        var cut = RenderPage(Harness.Demo.AliceAcmeCart);
        await cut.Find("[data-testid=race-n]").ChangeAsync("50");

        await cut.Find("[data-testid=race-fire]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Equal("1", cut.Find("[data-testid=race-winners]").TextContent));
        Assert.Equal("49", cut.Find("[data-testid=race-failures]").TextContent);
        var groups = cut.FindAll("[data-testid=race-group]");
        Assert.All(groups, g => Assert.Equal("CHECKOUT_CONFLICT", g.GetAttribute("data-code")));
        Assert.Equal(49, groups.Sum(g => int.Parse(g.GetAttribute("data-count")!, System.Globalization.CultureInfo.InvariantCulture)));
        Assert.Equal(CheckoutFlow.Inventory, (await Harness.SessionAsync(sessionId)).State);
        var recorded = await ActionsAsync("updateCheckoutSessionAction");
        Assert.All(recorded, a => Assert.Equal(DemoData.Admin, a.Actor));
        Assert.Equal(49, recorded.Count(a => a.Outcome == "CHECKOUT_CONFLICT"));
    }

    [Fact]
    public async Task RaceLab_OutOfRangeN_ExplainsAndFiresNothing()
    {
        await AdminScenarios.StartCheckoutAsync(Harness);
        var cut = RenderPage(Harness.Demo.AliceAcmeCart);
        await cut.Find("[data-testid=race-n]").ChangeAsync("1001");

        await cut.Find("[data-testid=race-fire]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Contains("from 1 to 1,000", cut.Find("[data-testid=race-n-error]").TextContent));
        Assert.Empty(await ActionsAsync("updateCheckoutSessionAction"));
        Assert.Empty(cut.FindAll("[data-testid=race-outcome]"));
    }

    [Fact]
    public async Task EditFields_IsProcessingSetTrue_SavesTheRecordUpdateAsTheAdmin()
    {
        var sessionId = await AdminScenarios.StartCheckoutAsync(Harness);
        var cut = RenderPage(Harness.Demo.AliceAcmeCart);

        await SelectAsync(cut, "edit-is-processing", "true");
        await SelectAsync(cut, "edit-next-state", CheckoutFlow.Inventory);
        await ClickAsync(cut, "[data-testid=edit-save]");

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=flag-IsProcessing]").GetAttribute("data-value")));
        var session = await Harness.SessionAsync(sessionId);
        Assert.True(session.IsProcessing);
        Assert.Equal(CheckoutFlow.Inventory, session.NextState);
        Assert.Equal(CheckoutFlow.Start, session.State);
        await using var db = Harness.NewContext();
        var change = await db.Timeline.SingleAsync(t => t.SessionId == sessionId && t.Field == nameof(session.IsProcessing) && t.After == "true");
        Assert.Equal(DemoData.Admin, change.Actor);
    }

    [Fact]
    public async Task EditFields_SessionMovedElsewhereBeforeAnyEdit_FormFollowsTheNewState()
    {
        var sessionId = await AdminScenarios.StartCheckoutAsync(Harness);
        var cut = RenderPage(Harness.Demo.AliceAcmeCart);

        await AdminScenarios.AdvanceAsync(Harness, sessionId, CheckoutFlow.Start);

        cut.WaitForAssertion(() => Assert.Equal(CheckoutFlow.Inventory, SelectedValue(cut, "edit-state")));
        Assert.Equal("No changes.", cut.Find("[data-testid=edit-summary]").TextContent);
    }

    [Fact]
    public async Task Live_BuyerAdvancesElsewhere_ShowsTheNewStateWithoutReload()
    {
        var sessionId = await AdminScenarios.StartCheckoutAsync(Harness);
        var cut = RenderPage(Harness.Demo.AliceAcmeCart);

        await AdminScenarios.AdvanceAsync(Harness, sessionId, CheckoutFlow.Start);

        cut.WaitForAssertion(() => Assert.Equal(CheckoutFlow.Inventory, cut.Find("[data-testid=admin-session-state]").TextContent));
    }

    [Fact]
    public void Render_UnknownCart_ShowsNotFound()
    {
        var cut = Render<AdminSessionPage>(p => p.Add(x => x.CartId, "0a6000000000000AAA"));

        cut.WaitForAssertion(() => Assert.Contains("0a6000000000000AAA", cut.Find("[data-testid=not-found]").TextContent));
    }
}
