using Bunit;
using Microsoft.AspNetCore.Components.Web;
using CheckoutConsole.Components.Layout;
using CheckoutConsole.Components.Pages.Admin;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Operations;
using CheckoutConsole.Tests.TestSupport;
using MudBlazor;

namespace CheckoutConsole.Tests.Components.Admin;

public sealed class AdminFaultsPageTests : DomainComponentTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        SignIn(DemoData.Admin);
    }

    [Fact]
    public async Task Arm_InventoryOnce_TheNextInventoryTaskFailsAndTheSessionGoesToError()
    {
        var cut = Render<AdminFaultsPage>();
        await SelectAsync(cut, "fault-task-type", OperationTypes.Inventory);
        await ChangeAsync(cut.Find("[data-testid=fault-task-count]"), "1");

        await cut.Find("[data-testid=fault-arm]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Equal("1 × Inventory", cut.Find("[data-testid=fault-armed]").TextContent));
        var sessionId = await AdminScenarios.ProcessingInventoryAsync(Harness);
        await Harness.DrainQueueAsync();
        Assert.Equal(CheckoutFlow.Error, (await Harness.SessionAsync(sessionId)).State);
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=fault-armed]")));
    }

    [Fact]
    public async Task Arm_ZeroTasks_ExplainsAndArmsNothing()
    {
        var cut = Render<AdminFaultsPage>();
        await cut.Find("[data-testid=fault-task-count]").ChangeAsync("0");

        await cut.Find("[data-testid=fault-arm]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Contains("from 1 to 100", cut.Find("[data-testid=fault-task-count-error]").TextContent));
        Assert.False(Harness.Faults.Current.Any);
    }

    [Fact]
    public async Task Delay_1500Ms_IsAppliedAndShown()
    {
        var cut = Render<AdminFaultsPage>();
        await cut.Find("[data-testid=fault-delay-ms]").ChangeAsync("1500");

        await cut.Find("[data-testid=fault-delay-apply]").ClickAsync(new MouseEventArgs());

        Assert.Equal(1500, Harness.Faults.Current.TaskDelayMs);
        cut.WaitForAssertion(() => Assert.Equal("1500 ms", cut.Find("[data-testid=fault-delay-current]").TextContent));
    }

    [Theory]
    [InlineData("session-creation")]
    [InlineData("summary-creation")]
    [InlineData("summary-first")]
    public async Task Switch_TurnedOnThenOff_FollowsTheInjector(string fault)
    {
        var cut = Render<AdminFaultsPage>();

        await cut.Find($"[data-testid=fault-{fault}-toggle]").ClickAsync(new MouseEventArgs());
        cut.WaitForAssertion(() => Assert.Equal("On", cut.Find($"[data-testid=fault-{fault}-state]").TextContent));
        Assert.True(Harness.Faults.Current.Any);
        await cut.Find($"[data-testid=fault-{fault}-toggle]").ClickAsync(new MouseEventArgs());

        cut.WaitForAssertion(() => Assert.Equal("Off", cut.Find($"[data-testid=fault-{fault}-state]").TextContent));
        Assert.False(Harness.Faults.Current.Any);
    }

    [Fact]
    public async Task SessionCreationFault_On_CheckoutSessionActionFailsWithUnknownException()
    {
        var cut = Render<AdminFaultsPage>();

        await cut.Find("[data-testid=fault-session-creation-toggle]").ClickAsync(new MouseEventArgs());

        var result = await Harness.Service.CheckoutSessionAsync(Harness.As(DemoData.Alice), Harness.Demo.AliceAcmeCart);
        Assert.Equal("UNKNOWN_EXCEPTION", result.Error?.Code);
        Assert.Equal(500, result.Error?.HttpStatus);
    }

    [Fact]
    public async Task Banner_FaultInjectedElsewhere_ShowsOnTheAdminLayoutUntilCleared()
    {
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<AdminLayout>(p => p.Add(x => x.Body, b => b.AddContent(0, "page")));
        Assert.Empty(cut.FindAll("[data-testid=active-faults]"));

        await Harness.Faults.SetFailOrderSummaryCreationAsync(true);
        cut.WaitForAssertion(() => Assert.Equal("order summary creation fails", cut.Find("[data-testid=active-fault]").TextContent));
        var clearing = ClickAsync(cut, "[data-testid=active-faults-clear]");
        dialogs.WaitForAssertion(() => Assert.Contains("order summary creation fails", dialogs.Find("[data-testid=confirm-targets]").TextContent));
        await ClickAsync(dialogs.Find("[data-testid=confirm-yes]"));
        await clearing;

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=active-faults]")));
        Assert.False(Harness.Faults.Current.Any);
    }

    [Fact]
    public async Task ClearAll_ConfirmationDeclined_KeepsTheFaults()
    {
        await Harness.Faults.SetFailOrderSummaryCreationAsync(true);
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<AdminFaultsPage>();

        var clearing = ClickAsync(cut, "[data-testid=fault-clear-all]");
        dialogs.WaitForAssertion(() => Assert.NotNull(dialogs.Find("[data-testid=confirm-no]")));
        await ClickAsync(dialogs.Find("[data-testid=confirm-no]"));
        await clearing;

        Assert.True(Harness.Faults.Current.FailOrderSummaryCreation);
    }
}
