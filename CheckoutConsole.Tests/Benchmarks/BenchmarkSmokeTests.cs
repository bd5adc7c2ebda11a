using CheckoutConsole.Benchmarks;
using CheckoutConsole.Domain.Data;

namespace CheckoutConsole.Tests.Benchmarks;

/// <summary>The benchmark's code paths run and measure what they claim; no timing is asserted.</summary>
public sealed class BenchmarkSmokeTests
{
    [Fact]
    public void IsPrecompiled_TheRuntimesCoreLibraryAndThisTestAssembly_TellsAReadyToRunImageFromPlainIL()
    {
        // The shared framework ships precompiled; a test assembly is never precompiled.
        Assert.True(ReadyToRunImages.IsPrecompiled(typeof(object).Assembly.Location));
        Assert.False(ReadyToRunImages.IsPrecompiled(typeof(BenchmarkSmokeTests).Assembly.Location));
    }

    [Theory]
    [InlineData(DatabaseOptions.InMemory)]
    [InlineData(DatabaseOptions.Sqlite)]
    public async Task DomainBenchmarks_TinyRun_MeasuresEveryActionACheckoutAndARaceWithOneWinner(string provider)
    {
        await using var bench = await DomainBenchmarks.CreateAsync(provider);

        var actions = await bench.MeasureActionsAsync(3);
        var checkout = await bench.MeasureCompleteCheckoutAsync(2);
        var race = await bench.MeasureRaceAsync(50);

        Assert.Equal(
            ["checkoutSessionAction", "updateCheckoutSessionAction", "cartToOrderAction", "activateOrderAction", "cancelCartAsyncOperation"],
            actions.Select(a => a.Action));
        Assert.All(actions, a => Assert.Equal((3, 3), (a.Service.Count, a.Bare.Count)));
        Assert.Equal(2, checkout.Count);
        Assert.Equal((1, 49), (race.Winners, race.Conflicts));
    }

    [Theory]
    [InlineData(DatabaseOptions.InMemory)]
    [InlineData(DatabaseOptions.Sqlite)]
    public async Task GrowToAsync_TwelveCarts_AddsCartsWithLinesSessionsOperationsAndTimeline(string provider)
    {
        await using var bench = await DomainBenchmarks.CreateAsync(provider);
        var admin = await bench.AdminCountsAsync();

        await bench.GrowToAsync(12);

        var after = await bench.AdminCountsAsync();
        Assert.Equal(12, bench.BulkCarts);
        Assert.Equal(12, after.Carts - admin.Carts);
        Assert.Equal(36, after.Lines - admin.Lines);
        Assert.Equal(12, after.Sessions - admin.Sessions);
        Assert.Equal(6, after.ArchivedSessions - admin.ArchivedSessions);
        Assert.Equal(12, after.CompletedOperations - admin.CompletedOperations);
        Assert.True(after.TimelineEntries - admin.TimelineEntries >= 12 * 8, $"expected at least 8 timeline lines per cart, found {after.TimelineEntries - admin.TimelineEntries} for 12 carts");
    }

    [Fact]
    public async Task MeasurePageReadsAsync_AfterTheActions_ReadsOnePagePerMeasuredCart()
    {
        await using var bench = await DomainBenchmarks.CreateAsync(DatabaseOptions.InMemory);
        await bench.MeasureServiceActionsAsync(4);

        var reads = await bench.MeasurePageReadsAsync(3);

        Assert.Equal(3, reads.Count);
    }

    [Fact]
    public void RepeatedOf_FiveRuns_IsTheMiddleRunWithTheLowestAndHighest()
    {
        var figure = Repeated.Of([3.0, 1.0, 9.0, 2.0, 4.0]);

        Assert.Equal((3.0, 1.0, 9.0, 5), (figure.Median, figure.Min, figure.Max, figure.Runs));
        Assert.Equal("3.00 (1.00–9.00)", figure.Format());
    }

    [Fact]
    public void RepeatedOf_FourRuns_IsTheMeanOfTheMiddleTwo()
    {
        Assert.Equal(2.5, Repeated.Of([4.0, 1.0, 2.0, 3.0]).Median);
    }
}
