using CheckoutConsole.Domain.Checkout;
using CheckoutConsole.Domain.Data;
using CheckoutConsole.Domain.Services;
using CheckoutConsole.Tests.Components.Admin;
using CheckoutConsole.Tests.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace CheckoutConsole.Tests.Domain.Admin;

public sealed class AdminQueriesTests
{
    private static AdminQueries Queries(DomainHarness harness) => ActivatorUtilities.CreateInstance<AdminQueries>(harness.Services);

    [Theory]
    [InlineData(TestProvider.InMemory)]
    [InlineData(TestProvider.Sqlite)]
    public async Task ListCheckoutsAsync_CanceledThenRestarted_ListsTheOpenAndTheArchivedSession(TestProvider provider)
    {
        await using var harness = await DomainHarness.CreateAsync(provider);
        var first = await AdminScenarios.StartCheckoutAsync(harness);
        await harness.Service.CancelCartAsyncOperationAsync(harness.As(DemoData.Alice), harness.Demo.AliceAcmeCart);
        var second = await AdminScenarios.StartCheckoutAsync(harness);

        var rows = (await Queries(harness).ListCheckoutsAsync()).Where(r => r.CartId == harness.Demo.AliceAcmeCart).ToList();

        Assert.Equal(2, rows.Count);
        Assert.Contains(rows, r => r.SessionId == first && r.IsArchived);
        Assert.Contains(rows, r => r.SessionId == second && r.IsOpenSession && r.State == CheckoutFlow.Start);
    }

    [Theory]
    [InlineData(TestProvider.InMemory)]
    [InlineData(TestProvider.Sqlite)]
    public async Task ListCheckoutsAsync_SessionProcessing_DatesProcessingFromWhenTheTaskStarted(TestProvider provider)
    {
        await using var harness = await DomainHarness.CreateAsync(provider);
        var sessionId = await AdminScenarios.StartCheckoutAsync(harness);
        await AdminScenarios.AdvanceAsync(harness, sessionId, CheckoutFlow.Start);
        harness.Clock.Advance(TimeSpan.FromMinutes(3));
        var started = harness.Clock.GetUtcNow().UtcDateTime;
        await AdminScenarios.AdvanceAsync(harness, sessionId, CheckoutFlow.Inventory);
        harness.Clock.Advance(TimeSpan.FromSeconds(75));

        var row = (await Queries(harness).ListCheckoutsAsync()).Single(r => r.SessionId == sessionId);

        Assert.True(row.IsProcessing);
        Assert.Equal(started, row.ProcessingSince);
        Assert.Equal(TimeSpan.FromSeconds(75), row.ProcessingFor(harness.Clock.GetUtcNow().UtcDateTime));
    }

    [Fact]
    public async Task ListStuckAsync_OneProcessingTooLongOneOpenTooLongOneFresh_ListsTheTwoWithTheirReasons()
    {
        await using var harness = await DomainHarness.CreateAsync();
        await AdminScenarios.StartCheckoutAsync(harness, harness.Demo.BobCart, DemoData.Bob);
        harness.Clock.Advance(TimeSpan.FromMinutes(31));
        await AdminScenarios.ProcessingInventoryAsync(harness);
        harness.Clock.Advance(TimeSpan.FromSeconds(61));
        await AdminScenarios.StartCheckoutAsync(harness, harness.Demo.CarolGlobexCart, DemoData.Carol);
        var now = harness.Clock.GetUtcNow().UtcDateTime;

        var stuck = await Queries(harness).ListStuckAsync(now, new AdminOptions());

        Assert.Equal(2, stuck.Count);
        Assert.Equal((harness.Demo.AliceAcmeCart, StuckReason.Processing), (stuck[0].Row.CartId, stuck[0].Reason));
        Assert.Equal((harness.Demo.BobCart, StuckReason.Open), (stuck[1].Row.CartId, stuck[1].Reason));
    }

    [Fact]
    public void AdminOptionsFrom_ConfiguredAndInvalidValues_UsesValidOnesAndDefaultsTheRest()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Admin:StuckProcessingSeconds"] = "15",
            ["Admin:StuckOpenMinutes"] = "0",
        }).Build();

        var options = AdminOptions.From(configuration);

        Assert.Equal(new AdminOptions(15, AdminOptions.DefaultStuckOpenMinutes), options);
    }
}
