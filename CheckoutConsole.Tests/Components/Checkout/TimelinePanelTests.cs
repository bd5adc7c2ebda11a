using Bunit;
using CheckoutConsole.Components.Shared.Checkout;
using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Services;
using CheckoutConsole.Domain.Timeline;

namespace CheckoutConsole.Tests.Components.Checkout;

public sealed class TimelinePanelTests : CheckoutPanelTestBase
{
    [Fact]
    public async Task Render_AfterStartAndAConflict_ShowsNewestFirstWithActorsAndChanges()
    {
        var view = await ConflictedViewAsync();

        var cut = Render<TimelinePanel>(p => p.Add(x => x.Entries, view.Timeline));

        var entries = cut.FindAll("[data-testid=timeline-entry]");
        Assert.Equal("CHECKOUT_CONFLICT", entries[0].GetAttribute("data-outcome"));
        Assert.Contains("alice@acme.example", entries[0].TextContent);
        Assert.Contains(entries, e => e.GetAttribute("data-kind") == TimelineKinds.Change && e.TextContent.Contains("CartCheckoutSession.State", StringComparison.Ordinal)
            && e.TextContent.Contains("Start", StringComparison.Ordinal) && e.TextContent.Contains("Inventory", StringComparison.Ordinal));
        Assert.Empty(cut.FindAll("[data-testid=timeline-request-id]"));
        Assert.Empty(cut.FindAll("[data-testid=timeline-filter-outcome]"));
    }

    [Fact]
    public async Task FilterOutcome_Failure_ShowsOnlyFailedInvocationsAndReportsTheFilter()
    {
        var view = await ConflictedViewAsync();
        string? reported = null;
        var cut = Render<TimelinePanel>(p => p
            .Add(x => x.Entries, view.Timeline)
            .Add(x => x.ShowFilters, true)
            .Add(x => x.ShowRequestId, true)
            .Add(x => x.OutcomeFilterChanged, (string? value) => reported = value));

        await SelectAsync(cut, "timeline-filter-outcome", TimelinePanel.FailureFilter);

        var entries = cut.FindAll("[data-testid=timeline-entry]");
        Assert.Equal("CHECKOUT_CONFLICT", Assert.Single(entries).GetAttribute("data-outcome"));
        Assert.Equal(TimelinePanel.FailureFilter, reported);
        Assert.NotEmpty(cut.FindAll("[data-testid=timeline-request-id]"));
    }

    [Fact]
    public async Task FilterAction_FieldChanges_ShowsOnlyChanges()
    {
        var view = await ConflictedViewAsync();
        var cut = Render<TimelinePanel>(p => p.Add(x => x.Entries, view.Timeline).Add(x => x.ShowFilters, true));

        await SelectAsync(cut, "timeline-filter-action", TimelinePanel.ChangesFilter);

        Assert.All(cut.FindAll("[data-testid=timeline-entry]"), e => Assert.Equal(TimelineKinds.Change, e.GetAttribute("data-kind")));
    }

    private async Task<CheckoutView> ConflictedViewAsync()
    {
        var view = await Scenarios.AtAsync(CheckoutFlow.Inventory);
        await Harness.Service.UpdateCheckoutSessionAsync(Scenarios.Alice, view.Session!.Id, CheckoutFlow.Inventory, CheckoutFlow.Start);
        return await Scenarios.ViewAsync();
    }
}
