using Bunit;
using Microsoft.AspNetCore.Components.Web;
using CheckoutConsole.Components.Pages.Admin;
using CheckoutConsole.Domain.Carts;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Timeline;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace CheckoutConsole.Tests.Components.Admin;

public sealed class AdminStuckPageTests : DomainComponentTestBase
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        SignIn(DemoData.Admin);
    }

    private static IReadOnlyList<string> StuckCartIds(IRenderedComponent<AdminStuckPage> cut) =>
        [.. cut.FindAll("[data-testid=stuck-row]").Select(r => r.GetAttribute("data-cart-id")!)];

    private async Task<string> CartStatusAsync(string cartId)
    {
        await using var db = Harness.NewContext();
        return await db.Carts.Where(c => c.Id == cartId).Select(c => c.Status).FirstAsync();
    }

    [Fact]
    public async Task Render_SessionProcessingPastTheThreshold_ListsItAsProcessing()
    {
        await AdminScenarios.ProcessingInventoryAsync(Harness);
        await AdminScenarios.StartCheckoutAsync(Harness, Harness.Demo.BobCart, DemoData.Bob);
        Harness.Clock.Advance(TimeSpan.FromSeconds(61));

        var cut = Render<AdminStuckPage>();

        cut.WaitForAssertion(() => Assert.Equal([Harness.Demo.AliceAcmeCart], StuckCartIds(cut)));
        Assert.Equal("Processing", cut.Find("[data-testid=stuck-reason]").GetAttribute("data-reason"));
        Assert.Contains("processing for 1 min 1 s (threshold 1 min)", cut.Find("[data-testid=stuck-reason]").TextContent);
    }

    [Fact]
    public async Task Render_SessionOpenPastTheThreshold_ListsItAsOpen()
    {
        await AdminScenarios.StartCheckoutAsync(Harness);
        Harness.Clock.Advance(TimeSpan.FromMinutes(31));

        var cut = Render<AdminStuckPage>();

        cut.WaitForAssertion(() => Assert.Equal([Harness.Demo.AliceAcmeCart], StuckCartIds(cut)));
        Assert.Equal("Open", cut.Find("[data-testid=stuck-reason]").GetAttribute("data-reason"));
    }

    [Fact]
    public async Task ProcessingThreshold_Raised_DropsTheSessionFromTheList()
    {
        await AdminScenarios.ProcessingInventoryAsync(Harness);
        Harness.Clock.Advance(TimeSpan.FromSeconds(90));
        var cut = Render<AdminStuckPage>();
        cut.WaitForAssertion(() => Assert.Single(StuckCartIds(cut)));

        await cut.Find("[data-testid=stuck-processing-seconds]").ChangeAsync("120");

        cut.WaitForAssertion(() => Assert.Empty(StuckCartIds(cut)));
    }

    [Fact]
    public async Task CancelSelected_TwoStuckCartsConfirmed_CancelsBothAsTheAdmin()
    {
        await AdminScenarios.ProcessingInventoryAsync(Harness);
        await AdminScenarios.StartCheckoutAsync(Harness, Harness.Demo.BobCart, DemoData.Bob);
        Harness.Clock.Advance(TimeSpan.FromMinutes(31));
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<AdminStuckPage>();
        cut.WaitForAssertion(() => Assert.Equal(2, StuckCartIds(cut).Count));
        await cut.Find("[data-testid=stuck-select-all]").ChangeAsync(true);

        var cancelling = ClickAsync(cut, "[data-testid=stuck-cancel-selected]");
        dialogs.WaitForAssertion(() => Assert.Contains("2 carts", dialogs.Find("[data-testid=confirm-text]").TextContent));
        await ClickAsync(dialogs.Find("[data-testid=confirm-yes]"));
        await cancelling;

        cut.WaitForAssertion(() => Assert.Equal("Canceled 2 of 2 checkouts.", cut.Find("[data-testid=stuck-report-summary]").TextContent));
        Assert.Equal(CartStatuses.Active, await CartStatusAsync(Harness.Demo.AliceAcmeCart));
        Assert.Equal(CartStatuses.Active, await CartStatusAsync(Harness.Demo.BobCart));
        await using var db = Harness.NewContext();
        var cancels = await db.Timeline.Where(t => t.Kind == TimelineKinds.Action && t.Action == "cancelCartAsyncOperation").ToListAsync();
        Assert.Equal(2, cancels.Count);
        Assert.All(cancels, c => Assert.Equal(DemoData.Admin, c.Actor));
        cut.WaitForAssertion(() => Assert.Empty(StuckCartIds(cut)));
    }

    [Fact]
    public async Task Cancel_ConfirmationDeclined_ChangesNothing()
    {
        await AdminScenarios.StartCheckoutAsync(Harness);
        Harness.Clock.Advance(TimeSpan.FromMinutes(31));
        var dialogs = Render<MudDialogProvider>();
        var cut = Render<AdminStuckPage>();
        cut.WaitForAssertion(() => Assert.Single(StuckCartIds(cut)));

        var cancelling = ClickAsync(cut, "[data-testid=stuck-cancel]");
        dialogs.WaitForAssertion(() => Assert.Contains("1 cart", dialogs.Find("[data-testid=confirm-text]").TextContent));
        await ClickAsync(dialogs.Find("[data-testid=confirm-no]"));
        await cancelling;

        Assert.Equal(CartStatuses.Checkout, await CartStatusAsync(Harness.Demo.AliceAcmeCart));
        Assert.Empty(cut.FindAll("[data-testid=stuck-report]"));
        Assert.Single(StuckCartIds(cut));
    }
}
